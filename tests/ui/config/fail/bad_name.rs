use modkit::{App, module};

#[derive(serde::Deserialize, modkit::Config)]
pub struct DbConfig {
    pub url: String,
}

#[module(config = DbConfig, name = "db.replica")]
pub struct DbModule;

fn main() {
    let _ = App::<DbModule>::build_sync();
}
