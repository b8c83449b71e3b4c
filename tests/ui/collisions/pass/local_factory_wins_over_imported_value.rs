// `AppModule` provides `Config` with its own `#[provider]` factory; its import `ConfigModule`
// exports a `Config` value. The module's own provider takes precedence ("local wins"):
// this should compile, and `Front` gets the factory's `Config`.
use modkit::{App, injectable, module, provider};
use std::sync::Arc;

pub struct Config {
    pub name: &'static str,
}

#[module(values = [Config], exports = [Config])]
pub struct ConfigModule;

#[provider]
pub fn local_config() -> Config {
    Config { name: "local" }
}

#[injectable]
pub struct Front {
    config: Arc<Config>,
}

#[module(imports = [ConfigModule], providers = [local_config, Front])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::builder()
        .value(Config { name: "imported" })
        .build_sync()
        .unwrap();
    assert_eq!(app.get::<Front>().config.name, "local");
}
