// `UserModule` exports `Mailer`, which it neither provides nor imports.
// modkit should give one error, at `Mailer` in `exports`, and nothing in `AppModule` or `main`.
use modkit::{App, injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Mailer;

#[injectable]
pub struct UserService;

#[module(providers = [UserService], exports = [UserService, Mailer])]
pub struct UserModule;

#[injectable]
pub struct AppService {
    users: Arc<UserService>,
}

#[module(imports = [UserModule], providers = [AppService])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _svc = app.get::<AppService>();
}
