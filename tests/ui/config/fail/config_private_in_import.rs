use std::sync::Arc;

use modkit::{App, injectable, module};

#[derive(serde::Deserialize, modkit::Config)]
pub struct DbConfig {
    pub url: String,
}

#[module(config = DbConfig)]
pub struct DbModule;

#[injectable]
pub struct Reporter {
    config: Arc<DbConfig>,
}

#[module(imports = [DbModule], providers = [Reporter])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
