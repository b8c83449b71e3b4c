// `AppModule` takes `Config` as a value and also lists a factory returning `Config`.
// modkit should give one error, at the factory: `Config` is already a value of `AppModule`;
// nothing in `main`.
use modkit::{App, module, provider};

pub struct Config {
    pub url: &'static str,
}

#[provider]
pub fn default_config() -> Config {
    Config { url: "localhost" }
}

#[module(values = [Config], providers = [default_config], exports = [Config])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::builder()
        .value(Config { url: "db" })
        .build_sync()
        .unwrap();
    let _config = app.get::<Config>();
}
