// `AppModule` provides its own `Logger`; the one `LoggerModule` exports is shadowed inside it.
use std::sync::Arc;
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[injectable]
pub struct Users {
    log: Arc<Logger>,
}

#[module(imports = [LoggerModule], providers = [Users], exports = [Users])]
pub struct UserModule;

#[injectable]
pub struct Front {
    users: Arc<Users>,
    log: Arc<Logger>,
}

#[module(imports = [UserModule, LoggerModule], providers = [Logger, Front])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let f = app.get::<Front>();
    // `Front` got `AppModule`'s own `Logger`, not the one `Users` got from `LoggerModule`.
    assert!(!Arc::ptr_eq(&f.log, &f.users.log));
    assert!(Arc::ptr_eq(&f.log, &app.get::<Logger>()));
}
