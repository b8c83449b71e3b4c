// The first type argument is the module that builds the provider.
use std::sync::Arc;

use modkit::{App, injectable, module};

#[injectable]
pub struct Db;

#[module(providers = [Db])]
pub struct AppModule;

fn main() {
    let _app = App::<AppModule>::builder()
        .replace_for_test::<Db, Db>(Arc::new(Db))
        .build_sync();
}
