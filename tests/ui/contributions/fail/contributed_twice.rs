// One provider contributed twice to one collection, under two spellings.
use modkit::{App, module};

pub trait Check: Send + Sync {}

mod checks {
    #[modkit::injectable]
    pub struct DbCheck;
    impl super::Check for DbCheck {}
}
use checks::DbCheck;

#[module(contribute = [DbCheck as dyn Check, checks::DbCheck as dyn Check])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
