// A module declares a value; the app is built with the async builder and without it: one error,
// at `build()` (not again at the builder chain or the `.await`).
use modkit::{App, injectable, module};
use std::sync::Arc;

pub struct DbConfig {
    pub url: String,
}

pub struct Other;

#[injectable]
pub struct Db {
    config: Arc<DbConfig>,
}

#[module(values = [DbConfig], providers = [Db], exports = [Db])]
pub struct DbModule;

#[module(imports = [DbModule])]
pub struct AppModule;

#[tokio::main]
async fn main() {
    let _ = App::<AppModule>::builder().value(Other).build().await;
}
