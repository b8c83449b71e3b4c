// A collection across crates' worth of shapes: declared empty and exported, re-exported, keyed.
use modkit::{All, App, Keyed, injectable, module};
use std::sync::Arc;

pub trait Check: Send + Sync {}

#[module(collect = [All<dyn Check>], exports = [All<dyn Check>])]
pub struct EmptyModule;

#[module(imports = [EmptyModule], exports = [EmptyModule])]
pub struct MiddleModule;

#[injectable]
pub struct Health {
    checks: Arc<All<dyn Check>>,
    routes: Arc<Keyed<dyn Check>>,
}

#[module(imports = [MiddleModule], collect = [Keyed<dyn Check>], providers = [Health])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert!(app.get::<Health>().checks.is_empty());
    assert!(app.get::<Health>().routes.is_empty());
}
