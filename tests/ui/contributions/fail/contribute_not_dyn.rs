// `Check` is a trait: the contribution needs `as dyn Check`.
use modkit::{App, injectable, module};

pub trait Check: Send + Sync {}

#[injectable]
pub struct DbCheck;
impl Check for DbCheck {}

#[module(contribute = [DbCheck as Check])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
