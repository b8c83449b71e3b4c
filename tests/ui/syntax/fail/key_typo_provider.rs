// `provider = [..]` is a typo for `providers = [..]`.
// modkit should give one error, at `provider`, suggesting `providers`; nothing in `main`.
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(provider = [Logger], exports = [Logger])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _log = app.get::<Logger>();
}
