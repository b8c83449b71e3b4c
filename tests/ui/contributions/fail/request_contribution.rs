// A request-scoped provider contributed to a collection built once for the app.
use modkit::{All, App, injectable, module};
use std::sync::Arc;

pub trait Check: Send + Sync {}

#[injectable(scope = request)]
pub struct SessionCheck;
impl Check for SessionCheck {}

#[injectable]
pub struct Health {
    checks: Arc<All<dyn Check>>,
}

#[module(contribute = [SessionCheck as dyn Check], providers = [Health])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
