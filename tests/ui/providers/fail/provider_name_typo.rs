// `UserServce` is a typo for `UserService` in `providers`: rustc's "cannot find macro `UserServce`"
// with its "a macro with a similar name exists" help. `UserModule`'s chain stops there, so
// `AppModule`, which imports it, gets one "cannot find macro `UserModule`" too (a macro cannot fall
// back); nothing else, and nothing in `main`.
use modkit::{App, injectable, module};
use std::sync::Arc;

#[injectable]
pub struct UserRepo;

#[injectable]
pub struct UserService {
    repo: Arc<UserRepo>,
}

#[module(providers = [UserRepo, UserServce], exports = [UserService])]
pub struct UserModule;

#[module(imports = [UserModule])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _users = app.get::<UserService>();
}
