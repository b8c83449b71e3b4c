// `Reports` uses `Pool`, built by the factory `connect` of `DbModule`, which does not export it.
// modkit should give one error, at `Reports` in `AppModule`: add `connect` (or `Pool`) to
// `exports` of `DbModule`; nothing in `main`.
use modkit::{App, injectable, module, provider};
use std::sync::Arc;

pub struct Pool;

#[provider]
pub fn connect() -> Pool {
    Pool
}

#[injectable]
pub struct Repo {
    pool: Arc<Pool>,
}

#[module(providers = [connect, Repo], exports = [Repo])]
pub struct DbModule;

#[injectable]
pub struct Reports {
    repo: Arc<Repo>,
    pool: Arc<Pool>,
}

#[module(imports = [DbModule], providers = [Reports])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _reports = app.get::<Reports>();
}
