// AppModule imports UserModule, which imports LoggerModule: `Logger` is not visible to AppModule.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[injectable]
pub struct UserService {
    log: Arc<Logger>,
}

#[module(imports = [LoggerModule], providers = [UserService], exports = [UserService])]
pub struct UserModule;

#[injectable]
pub struct AppService {
    users: Arc<UserService>,
    log: Arc<Logger>,
}

#[module(imports = [UserModule], providers = [AppService])]
pub struct AppModule;

fn main() {}
