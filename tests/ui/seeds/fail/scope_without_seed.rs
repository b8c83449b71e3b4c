// A module declares a seed; a scope is opened without seeds.
use modkit::{App, injectable, module};
use std::sync::Arc;

pub struct RequestId(pub u64);

#[injectable(scope = request)]
pub struct Handler {
    id: Arc<RequestId>,
}

#[module(seeds = [RequestId], providers = [Handler], exports = [Handler])]
pub struct HttpModule;

#[module(imports = [HttpModule])]
pub struct AppModule;

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let scope = app.scope();
    let _ = scope.get::<Handler>();
}
