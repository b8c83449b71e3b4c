// `global = true`: `global` is a flag, written without a value.
// modkit should give one error, at the value, saying to write `global`; nothing about `providers` or `main`.
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(global = true, providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

fn main() {
    let app = App::<LoggerModule>::build_sync().unwrap();
    let _log = app.get::<Logger>();
}
