use modkit::{App, module};

#[derive(serde::Deserialize)]
pub struct DbConfig {
    pub url: String,
}

#[module(config = DbConfig)]
pub struct DbModule;

#[module(imports = [DbModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
