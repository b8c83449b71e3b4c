// LoggerModule imports UserModule, which imports LoggerModule: neither chain can complete. rustc
// reports the companion it cannot find at each import of the cycle (one error per module of the
// cycle, without the path); `AppModule`, which imports the cycle, reports one more at its import
// (see ARCHITECTURE.md, "Stopped chains"); `main` stays quiet.
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[injectable]
pub struct UserRepo;

#[module(imports = [UserModule], providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(imports = [LoggerModule], providers = [UserRepo], exports = [UserRepo])]
pub struct UserModule;

#[module(imports = [UserModule])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _repo = app.get::<UserRepo>();
}
