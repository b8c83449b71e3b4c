// `singleton = true` is not a key of `#[module]`.
// modkit should give one error, at `singleton`, listing the valid keys; nothing about `providers` or `main`.
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(singleton = true, providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

fn main() {
    let app = App::<LoggerModule>::build_sync().unwrap();
    let _log = app.get::<Logger>();
}
