// `UserModule` re-exports `Logger` from `LoggerModule`; `AppModule` uses it through `UserModule` alone.
use std::sync::Arc;
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(imports = [LoggerModule], exports = [Logger])]
pub struct UserModule;

#[injectable]
pub struct AppService {
    log: Arc<Logger>,
}

#[module(imports = [UserModule], providers = [AppService])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert!(Arc::ptr_eq(&app.get::<AppService>().log, &app.get::<Logger>()));
}
