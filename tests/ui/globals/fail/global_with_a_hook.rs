// `LoggingModule` is global and its `Logger` has an `init` hook: one error, at the global module,
// however many modules take `Logger`.
use modkit::{App, injectable, module};
use std::sync::Arc;

#[injectable(init = Logger::open)]
pub struct Logger;

impl Logger {
    async fn open(&self) -> Result<(), std::io::Error> {
        Ok(())
    }
}

#[module(global, providers = [Logger], exports = [Logger])]
pub struct LoggingModule;

#[injectable]
pub struct UserService {
    log: Arc<Logger>,
}

#[injectable]
pub struct OrderService {
    log: Arc<Logger>,
}

#[module(providers = [UserService], exports = [UserService])]
pub struct UserModule;

#[module(providers = [OrderService], exports = [OrderService])]
pub struct OrderModule;

#[module(imports = [LoggingModule, UserModule, OrderModule])]
pub struct AppModule;

#[tokio::main]
async fn main() {
    let _ = App::<AppModule>::build().await;
}
