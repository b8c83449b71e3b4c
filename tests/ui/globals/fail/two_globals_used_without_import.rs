// Known limit: `LoggingModule` and `AuditModule` are global and both export `Logger`, and
// `UserModule` takes `Logger` from the globals: rustc cannot tell which (E0283), besides
// modkit's collision error where the app holds both.
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

#[module(providers = [UserService], exports = [UserService])]
pub struct UserModule;

#[module(imports = [LoggingModule, AuditModule, UserModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
