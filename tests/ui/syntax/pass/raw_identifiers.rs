// Raw identifiers as provider, factory and module names (each panicked the macros once; found by
// fuzzing the macro front end).
use modkit::{App, injectable, module, provider};
use std::sync::Arc;

#[injectable]
pub struct r#Logger;

#[injectable]
pub struct r#Service {
    log: Arc<r#Logger>,
}

pub struct Clock(u64);

#[provider]
pub fn r#clock() -> Clock {
    Clock(7)
}

#[module(providers = [r#Logger, r#Service, r#clock], exports = [r#Service, r#clock])]
pub struct r#Core;

#[module(imports = [r#Core])]
pub struct r#Root;

fn main() {
    let app = App::<r#Root>::build_sync().unwrap();
    let _ = &app.get::<r#Service>().log;
    assert_eq!(app.get::<Clock>().0, 7);
}
