// `PrimaryDb` and `ReplicaDb` each export a `Pool` from their own factory; `AppModule` imports both.
// modkit should give one collision error, at `AppModule`, naming both modules and the fix
// (drop an import or provide `Pool` in `AppModule`); nothing in `main`.
use modkit::{App, injectable, module, provider};
use std::sync::Arc;

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

#[module(providers = [primary_pool], exports = [primary_pool])]
pub struct PrimaryDb;

#[module(providers = [replica_pool], exports = [replica_pool])]
pub struct ReplicaDb;

#[injectable]
pub struct Reports {
    pool: Arc<Pool>,
}

#[module(imports = [PrimaryDb, ReplicaDb], providers = [Reports])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _reports = app.get::<Reports>();
}
