// Two values are declared, one is supplied: the message names the missing one.
use modkit::{App, module};

pub struct DbConfig;
pub struct HttpConfig;

#[module(values = [DbConfig, HttpConfig])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::builder().value(HttpConfig).build_sync();
}
