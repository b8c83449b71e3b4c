// `AppModule` lists two factories that both return `Pool`.
// modkit should give one error, at the second factory: `Pool` is already provided by `primary_pool`;
// nothing in `main`.
use modkit::{App, module, provider};

pub struct Pool {
    pub url: &'static str,
}

#[provider]
pub fn primary_pool() -> Pool {
    Pool { url: "primary" }
}

#[provider]
pub fn replica_pool() -> Pool {
    Pool { url: "replica" }
}

#[module(providers = [primary_pool, replica_pool], exports = [primary_pool])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _pool = app.get::<Pool>();
}
