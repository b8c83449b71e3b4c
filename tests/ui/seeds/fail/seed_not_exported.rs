// A seed is private to the module that declares it, unless exported.
use modkit::{App, injectable, module};
use std::sync::Arc;

pub struct RequestId(pub u64);

#[module(seeds = [RequestId])]
pub struct HttpModule;

#[injectable(scope = request)]
pub struct Handler {
    id: Arc<RequestId>,
}

#[module(imports = [HttpModule], providers = [Handler])]
pub struct AppModule;

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let scope = app.scope_builder().with(RequestId(7)).open();
    let _ = scope.get::<Handler>();
}
