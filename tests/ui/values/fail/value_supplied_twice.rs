// The same value type supplied twice: refused at the build call (rustc's ambiguity error, E0283).
use modkit::{App, module};

pub struct Config(pub u8);

#[module(values = [Config])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::builder()
        .value(Config(1))
        .value(Config(2))
        .build_sync();
}
