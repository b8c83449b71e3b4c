// Generated code names everything by absolute path: user items called `Arc`, `Option`, `Some`,
// `Default`, `Result`, `Box` or `Module` do not break it.
#![allow(dead_code)]
use modkit::{App, injectable, module};

pub struct Option;
pub struct Some;
pub struct Default;
pub struct Result;
pub struct Box;
pub struct Module;
pub struct OnceCell;
pub type Arc = ();

#[injectable]
pub struct Logger {
    #[inject(default)]
    lines: u32,
}

#[injectable]
pub struct Users {
    log: std::sync::Arc<Logger>,
}

#[module(providers = [Logger, Users], exports = [Users])]
pub struct UserModule;

#[module(imports = [UserModule])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert_eq!(app.get::<Users>().log.lines, 0);
}
