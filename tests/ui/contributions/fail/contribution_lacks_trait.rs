// `DbCheck` does not implement `Check`.
use modkit::{App, injectable, module};

pub trait Check: Send + Sync {}

#[injectable]
pub struct DbCheck;

#[module(contribute = [DbCheck as dyn Check])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
