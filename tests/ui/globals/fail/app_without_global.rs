// `UserModule` uses the global `Logger` without importing `LoggingModule` (which compiles), but
// no module of the app imports `LoggingModule`.
use modkit::{App, injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Logger;

#[module(global, providers = [Logger], exports = [Logger])]
pub struct LoggingModule;

#[injectable]
pub struct UserService {
    log: Arc<Logger>,
}

#[module(providers = [UserService], exports = [UserService])]
pub struct UserModule;

#[module(imports = [UserModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
