//! Chosen collisions: where two imports export one type, `resolve = [T from J]` takes `J`'s.

use std::sync::Arc;

use modkit::{App, injectable, module, provider};

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
    pub plugin: Arc<dyn Plugin>,
}

/// The second import's binding, chosen.
#[module(
    imports = [EmailModule, SmsModule],
    providers = [Notifier],
    exports = [Notifier],
    resolve = [dyn Plugin from SmsModule]
)]
pub struct SmsFirstModule;

/// The first import's binding, chosen: the order of `imports` does not decide.
#[module(
    imports = [EmailModule, SmsModule],
    providers = [Notifier],
    exports = [Notifier, dyn Plugin],
    resolve = [dyn Plugin from EmailModule]
)]
pub struct EmailFirstModule;

#[test]
fn the_chosen_import_provides_the_type_whichever_its_place_in_imports() {
    let sms = App::<SmsFirstModule>::build_sync().unwrap();
    assert_eq!(sms.get::<Notifier>().plugin.name(), "sms");
    let email = App::<EmailFirstModule>::build_sync().unwrap();
    assert_eq!(email.get::<Notifier>().plugin.name(), "email");
}

/// Re-exported, the chosen provider is what importers see.
#[module(imports = [EmailFirstModule])]
pub struct OuterModule;

#[test]
fn a_re_export_hands_on_the_chosen_provider() {
    let app = App::<OuterModule>::build_sync().unwrap();
    assert_eq!(app.get::<dyn Plugin>().name(), "email");
    assert!(Arc::ptr_eq(
        &app.get::<dyn Plugin>(),
        &app.get::<Notifier>().plugin
    ));
}

/// Two factories of one type in two modules: the one chosen is built and handed on; the other
/// module's is built too (its module is part of the app) but no one in `AppModule` sees it.
pub struct Clock {
    pub zone: &'static str,
}

#[provider]
#[must_use]
pub fn utc_clock() -> Clock {
    Clock { zone: "UTC" }
}

#[provider]
#[must_use]
pub fn local_clock() -> Clock {
    Clock { zone: "local" }
}

#[module(providers = [utc_clock], exports = [utc_clock])]
pub struct UtcModule;

#[module(providers = [local_clock], exports = [local_clock])]
pub struct LocalModule;

#[injectable]
pub struct Scheduler {
    pub clock: Arc<Clock>,
}

#[module(
    imports = [UtcModule, LocalModule],
    providers = [Scheduler],
    resolve = [Clock from LocalModule]
)]
pub struct SchedulerModule;

#[test]
fn a_chosen_factory_collision() {
    let app = App::<SchedulerModule>::build_sync().unwrap();
    assert_eq!(app.get::<Scheduler>().clock.zone, "local");
    assert_eq!(app.get::<Clock>().zone, "local");
}
