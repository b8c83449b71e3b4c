use modkit::{App, module};

#[derive(modkit::Config)]
pub struct DbConfig {
    pub url: String,
}

#[module(config = DbConfig)]
pub struct DbModule;

fn main() {
    let _ = App::<DbModule>::build_sync();
}
