// A provider function's parameters are checked like an injectable's fields.
use modkit::{module, provider};
use std::sync::Arc;

pub struct Config;
pub struct Pool;

#[provider]
pub fn make_pool(config: Arc<Config>) -> Pool {
    let _ = config;
    Pool
}

#[module(providers = [make_pool])]
pub struct DbModule;

fn main() {}
