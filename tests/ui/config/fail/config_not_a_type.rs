use modkit::{App, module};

#[module(config = "db")]
pub struct DbModule;

fn main() {
    let _ = App::<DbModule>::build_sync();
}
