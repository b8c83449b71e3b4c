// `UserModule` re-exports `LoggerModule`, whose `Formatter` stays private: `AppService` cannot use it.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Logger;

#[injectable]
pub struct Formatter;

#[module(providers = [Logger, Formatter], exports = [Logger])]
pub struct LoggerModule;

#[module(imports = [LoggerModule], exports = [LoggerModule])]
pub struct UserModule;

#[injectable]
pub struct AppService {
    log: Arc<Logger>,
    fmt: Arc<Formatter>,
}

#[module(imports = [UserModule, LoggerModule], providers = [AppService])]
pub struct AppModule;

fn main() {}
