use modkit::{App, module};

#[module(name = "db")]
pub struct DbModule;

fn main() {
    let _ = App::<DbModule>::build_sync();
}
