// A imports B imports C imports D: `D`'s export is two imports away from `AModule`.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Clock;

#[module(providers = [Clock], exports = [Clock])]
pub struct DModule;

#[injectable]
pub struct Cache {
    clock: Arc<Clock>,
}

#[module(imports = [DModule], providers = [Cache], exports = [Cache])]
pub struct CModule;

#[injectable]
pub struct Store {
    cache: Arc<Cache>,
}

#[module(imports = [CModule], providers = [Store], exports = [Store])]
pub struct BModule;

#[injectable]
pub struct Api {
    store: Arc<Store>,
    clock: Arc<Clock>,
}

#[module(imports = [BModule], providers = [Api])]
pub struct AModule;

fn main() {}
