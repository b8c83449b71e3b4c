// `EmailModule` and `SmsModule` each bind and export their own `dyn Plugin`; `AppModule` imports both.
// modkit should give one collision error on `dyn Plugin`, naming both modules, with a hint that fits a
// trait object (drop an import, or bind `dyn Plugin` in `AppModule` itself); nothing in `main`.
use modkit::{App, injectable, module};
use std::sync::Arc;

pub trait Plugin: Send + Sync {
    fn name(&self) -> &'static str;
}

#[injectable]
pub struct EmailPlugin;
impl Plugin for EmailPlugin {
    fn name(&self) -> &'static str {
        "email"
    }
}

#[injectable]
pub struct SmsPlugin;
impl Plugin for SmsPlugin {
    fn name(&self) -> &'static str {
        "sms"
    }
}

#[module(providers = [EmailPlugin as dyn Plugin], exports = [dyn Plugin])]
pub struct EmailModule;

#[module(providers = [SmsPlugin as dyn Plugin], exports = [dyn Plugin])]
pub struct SmsModule;

#[injectable]
pub struct Notifier {
    plugin: Arc<dyn Plugin>,
}

#[module(imports = [EmailModule, SmsModule], providers = [Notifier])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    println!("{}", app.get::<Notifier>().plugin.name());
}
