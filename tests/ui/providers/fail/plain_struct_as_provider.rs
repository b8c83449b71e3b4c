// `Clock` is listed in `providers` but has no `#[injectable]`: its companion macro does not exist,
// so the chain stops there. One error, rustc's "cannot find macro `Clock`" at the entry; the module,
// `App::build` and `app.get` in `main` stay quiet. (It does not say "add `#[injectable]`": a
// second, modkit-worded error would need a type check that doubles the error of a typo.)
use modkit::{App, injectable, module};
use std::sync::Arc;

pub struct Clock;

#[injectable]
pub struct Scheduler {
    clock: Arc<Clock>,
}

#[module(providers = [Clock, Scheduler], exports = [Scheduler])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _s = app.get::<Scheduler>();
}
