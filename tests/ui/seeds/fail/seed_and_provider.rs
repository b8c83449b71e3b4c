// A type is a seed or a provider of a module, not both.
use modkit::{App, injectable, module};
use std::sync::Arc;

#[injectable(scope = request)]
pub struct RequestId;

#[module(seeds = [RequestId], providers = [RequestId])]
pub struct AppModule;

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let _ = app.scope_builder().with(RequestId).open();
}
