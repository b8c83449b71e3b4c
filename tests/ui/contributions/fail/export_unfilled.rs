// `DbModule` exports a collection it has nothing in and did not declare.
use modkit::{App, module};

pub trait Check: Send + Sync {}

#[module(exports = [All<dyn Check>])]
pub struct DbModule;

#[module(imports = [DbModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
