// A crate that reaches modkit under another name says so with `crate = path`: every macro then
// writes that path (here `mk`), and the app builds and resolves as usual.
use mk::{App, injectable, module, provider};
use modkit as mk;
use std::sync::Arc;

#[injectable(crate = mk)]
pub struct Clock;

pub struct Pool;

#[provider(crate = mk)]
pub fn connect(clock: Arc<Clock>) -> Pool {
    let _ = clock;
    Pool
}

#[module(crate = mk, providers = [Clock, connect], exports = [Clock, connect])]
pub struct DbModule;

#[module(crate = mk, imports = [DbModule])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _pool: Arc<Pool> = app.get::<Pool>();
    let _clock = app.get::<Clock>();
}
