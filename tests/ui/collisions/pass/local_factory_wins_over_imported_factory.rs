// `AppModule` provides `Pool` with its own `#[provider]` factory; its import `DbModule` exports
// `Pool` from another factory. The module's own provider takes precedence ("local wins"):
// this should compile, and `Front` gets `AppModule`'s `Pool`.
use modkit::{App, injectable, module, provider};
use std::sync::Arc;

pub struct Pool {
    pub size: usize,
}

#[provider]
pub fn shared_pool() -> Pool {
    Pool { size: 10 }
}

#[module(providers = [shared_pool], exports = [shared_pool])]
pub struct DbModule;

#[provider]
pub fn small_pool() -> Pool {
    Pool { size: 1 }
}

#[injectable]
pub struct Front {
    pool: Arc<Pool>,
}

#[module(imports = [DbModule], providers = [small_pool, Front])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert_eq!(app.get::<Front>().pool.size, 1);
}
