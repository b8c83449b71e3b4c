// A typo in `providers` of `ClockModule` stops its chain. Every module that imports it, directly
// or through another import, reports one "cannot find macro" at that import: a companion macro
// cannot fall back (see ARCHITECTURE.md, "Stopped chains"). `main` stays quiet. If this file's
// `.stderr` shrinks to the first error, importers have become quiet: update ARCHITECTURE.md.
use modkit::{App, injectable, module};

#[injectable]
pub struct Clock;

#[module(providers = [Clok], exports = [Clock])]
pub struct ClockModule;

#[module(imports = [ClockModule])]
pub struct MidModule;

#[module(imports = [MidModule])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _clock = app.get::<Clock>();
}
