// A module declares a value; the app is built without it.
use modkit::{App, injectable, module};
use std::sync::Arc;

pub struct DbConfig {
    pub url: String,
}

#[injectable]
pub struct Db {
    config: Arc<DbConfig>,
}

#[module(values = [DbConfig], providers = [Db], exports = [Db])]
pub struct DbModule;

#[module(imports = [DbModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
