// `CoreModule` re-exports two whole modules; an importer of `CoreModule` sees all their exports.
use std::sync::Arc;
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[injectable]
pub struct Clock;

#[module(providers = [Clock], exports = [Clock])]
pub struct ClockModule;

#[module(imports = [LoggerModule, ClockModule], exports = [LoggerModule, ClockModule])]
pub struct CoreModule;

#[injectable]
pub struct Job {
    log: Arc<Logger>,
    clock: Arc<Clock>,
}

#[module(imports = [CoreModule, LoggerModule], providers = [Job])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let job = app.get::<Job>();
    assert!(Arc::ptr_eq(&job.log, &app.get::<Logger>()));
    assert!(Arc::ptr_eq(&job.clock, &app.get::<Clock>()));
}
