// `Health` depends on a collection nothing contributes to, and `AppModule` did not declare it.
use modkit::{All, App, injectable, module};
use std::sync::Arc;

pub trait Check: Send + Sync {}

#[injectable]
pub struct Health {
    checks: Arc<All<dyn Check>>,
}

#[module(providers = [Health])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
