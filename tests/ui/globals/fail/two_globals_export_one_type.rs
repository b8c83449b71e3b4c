// `LoggingModule` and `AuditModule` are global and both export `Logger`; the app contains both.
use modkit::{App, injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Logger;

#[module(global, providers = [Logger], exports = [Logger])]
pub struct LoggingModule;

#[module(global, providers = [Logger], exports = [Logger])]
pub struct AuditModule;

#[injectable]
pub struct UserService {
    log: Arc<Logger>,
}

#[module(imports = [AuditModule], providers = [UserService], exports = [UserService])]
pub struct UserModule;

#[module(imports = [LoggingModule, UserModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
