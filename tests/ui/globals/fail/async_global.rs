// `LoggingModule` is global and its `Logger` is built by an `async fn`: a global module is built
// synchronously by the first module that takes its exports. One error, at the global module.
use modkit::{App, module, provider};
use std::sync::Arc;

pub struct Logger;

#[provider]
pub async fn make_logger() -> Logger {
    Logger
}

#[modkit::injectable]
pub struct UserService {
    log: Arc<Logger>,
}

#[module(global, providers = [make_logger], exports = [make_logger])]
pub struct LoggingModule;

#[module(providers = [UserService], exports = [UserService])]
pub struct UserModule;

#[module(imports = [LoggingModule, UserModule])]
pub struct AppModule;

#[tokio::main]
async fn main() {
    let _ = App::<AppModule>::build().await;
}
