// The app asks for a type no module provides.
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

pub struct Metrics;

#[module(providers = [Logger])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _m = app.get::<Metrics>();
}
