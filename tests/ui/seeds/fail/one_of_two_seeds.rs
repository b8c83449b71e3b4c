// A module declares two seeds; the scope is opened with one of them.
use modkit::{App, injectable, module};
use std::sync::Arc;

pub struct RequestId(pub u64);
pub struct User(pub String);

#[injectable(scope = request)]
pub struct Handler {
    id: Arc<RequestId>,
    user: Arc<User>,
}

#[module(seeds = [RequestId, User], providers = [Handler])]
pub struct AppModule;

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let scope = app.scope_builder().with(RequestId(7)).open();
    let _ = scope.get::<Handler>();
}
