// The root `AppModule` imports two modules that each export their own `Logger` (a collision),
// and `main` builds the app. modkit should give one collision error, at `AppModule`;
// nothing at `App::build_sync` or `app.get` in `main`.
use modkit::{App, injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(providers = [Logger], exports = [Logger])]
pub struct AuditModule;

#[injectable]
pub struct Front {
    log: Arc<Logger>,
}

#[module(imports = [LoggerModule, AuditModule], providers = [Front])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _front = app.get::<Front>();
}
