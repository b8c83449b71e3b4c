// `connect`, an `async fn` provider of `DbModule`, takes the global `Logger` by a path, and the
// app forgets to import `LoggingModule`: one error, at `build()` (not again at its `.await`).
use modkit::{App, module};

mod log {
    use modkit::{injectable, module};

    #[injectable]
    pub struct Logger;

    #[module(global, providers = [Logger], exports = [Logger])]
    pub struct LoggingModule;
}

pub struct Db;

#[modkit::provider]
pub async fn connect(log: std::sync::Arc<crate::log::Logger>) -> Db {
    let _ = log;
    Db
}

#[module(providers = [connect], exports = [connect])]
pub struct DbModule;

#[module(imports = [DbModule])]
pub struct AppModule;

#[tokio::main]
async fn main() {
    let _ = App::<AppModule>::build().await;
}
