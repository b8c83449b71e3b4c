use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LogModule;

#[module(imports = [LogModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::builder().set::<LogModule>("level", "debug").build_sync();
}
