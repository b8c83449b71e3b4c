// The app asks for `Logger`, which its root reaches only through `UserModule`.
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(imports = [LoggerModule])]
pub struct UserModule;

#[module(imports = [UserModule])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _log = app.get::<Logger>();
}
