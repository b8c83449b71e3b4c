// A module listed in `contribute = [..]`.
use modkit::{App, module};

#[module()]
pub struct DbModule;

#[module(contribute = [DbModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
