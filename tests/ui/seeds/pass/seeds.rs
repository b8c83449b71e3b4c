// Seeds as dependencies: declared in one module, exported to another, supplied when the scope
// is opened; a scope that supplies more than the graph declares opens too.
use modkit::{App, OpensScope, ProvidesInScope, Scope, injectable, module};
use std::sync::Arc;

pub struct RequestId(pub u64);
pub struct User(pub String);
pub struct Deadline(pub u64);

#[injectable]
pub struct Db;

#[injectable(scope = request)]
pub struct Handler {
    pub id: Arc<RequestId>,
    pub user: Arc<User>,
    pub db: Arc<Db>,
}

#[module(seeds = [RequestId, User], providers = [Db, Handler], exports = [Handler, User])]
pub struct HttpModule;

#[injectable(scope = request)]
pub struct Greeting {
    pub user: Arc<User>,
    pub handler: Arc<Handler>,
}

#[module(imports = [HttpModule], providers = [Greeting])]
pub struct AppModule;

fn open(app: &Arc<App<AppModule>>) -> Scope<AppModule> {
    app.scope_builder()
        .with(Deadline(30))
        .with(User("ada".into()))
        .with(RequestId(7))
        .open()
}

/// Generic code opens a seeded scope of any app whose seeds are a `RequestId` and a `User`.
fn greet<M, I>(app: &Arc<App<M>>) -> String
where
    M: OpensScope<(RequestId, (User, ())), I> + ProvidesInScope<Greeting>,
{
    let scope = app
        .scope_builder()
        .with(User("bob".into()))
        .with(RequestId(1))
        .open();
    scope.get::<Greeting>().user.0.clone()
}

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let scope = open(&app);
    assert_eq!(scope.get::<Greeting>().handler.id.0, 7);
    assert_eq!(scope.get::<User>().0, "ada");
    assert_eq!(greet(&app), "bob");
}
