// `DbModule` contributes `DbCheck` but does not export its collection: `AppModule` sees none.
use modkit::{All, App, injectable, module};
use std::sync::Arc;

pub trait Check: Send + Sync {}

#[injectable]
pub struct DbCheck;
impl Check for DbCheck {}

#[module(contribute = [DbCheck as dyn Check])]
pub struct DbModule;

#[injectable]
pub struct Health {
    checks: Arc<All<dyn Check>>,
}

#[module(imports = [DbModule], providers = [Health])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
