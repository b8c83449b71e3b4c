// `AppModule` provides `Clock` with its own `#[provider]` factory; its import `ClockModule`
// exports the `#[injectable]` `Clock`. The module's own provider takes precedence ("local wins"):
// this should compile, and `Front` gets the factory's `Clock`.
use modkit::{App, injectable, module, provider};
use std::sync::Arc;

#[injectable]
pub struct Clock {
    #[inject(default)]
    offset: u64,
}

#[module(providers = [Clock], exports = [Clock])]
pub struct ClockModule;

#[provider]
pub fn fixed_clock() -> Clock {
    Clock { offset: 7 }
}

#[injectable]
pub struct Front {
    clock: Arc<Clock>,
}

#[module(imports = [ClockModule], providers = [fixed_clock, Front])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert_eq!(app.get::<Front>().clock.offset, 7);
}
