// A seed is request-scoped: a singleton cannot hold one.
use modkit::{App, injectable, module};
use std::sync::Arc;

pub struct RequestId(pub u64);

#[injectable]
pub struct Audit {
    id: Arc<RequestId>,
}

#[module(seeds = [RequestId], providers = [Audit])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
