// A request scope asks for a type no module provides: `Scope::get` requires `ProvidesInScope`.
use std::sync::Arc;

use modkit::{App, injectable, module};

#[injectable(scope = request)]
pub struct Session;

pub struct Metrics;

#[module(providers = [Session])]
pub struct AppModule;

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let scope = app.scope();
    let _m = scope.get::<Metrics>();
}
