// `imprts = [..]` is a typo for `imports = [..]`.
// modkit should give one error, at `imprts`, suggesting `imports`; nothing in `main`.
use modkit::{App, injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[injectable]
pub struct UserService {
    log: Arc<Logger>,
}

#[module(imprts = [LoggerModule], providers = [UserService])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _users = app.get::<UserService>();
}
