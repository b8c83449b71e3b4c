// A graph with an `async fn` provider cannot be built with `build_sync()`.
use modkit::{App, injectable, module, provider};
use std::sync::Arc;

pub struct Pool;

#[provider]
pub async fn connect() -> Pool {
    Pool
}

#[module(providers = [connect], exports = [connect])]
pub struct DbModule;

#[injectable]
pub struct Repo {
    pool: Arc<Pool>,
}

#[module(imports = [DbModule], providers = [Repo])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
