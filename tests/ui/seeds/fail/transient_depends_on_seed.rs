// A seed is request-scoped: a transient, which can be made outside a scope, cannot hold one.
use modkit::{App, injectable, module};
use std::sync::Arc;

pub struct RequestId(pub u64);

#[injectable(scope = transient)]
pub struct Event {
    id: Arc<RequestId>,
}

#[module(seeds = [RequestId], providers = [Event])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
