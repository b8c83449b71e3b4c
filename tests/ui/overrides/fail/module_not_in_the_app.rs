// A test replaces a provider of a module the app does not import: the replacement would never
// be used.
use std::sync::Arc;

use modkit::{App, injectable, module};

#[injectable]
pub struct Cache;

#[module(providers = [Cache])]
pub struct CacheModule;

#[injectable]
pub struct Db;

#[module(providers = [Db], exports = [Db])]
pub struct DbModule;

#[module(imports = [DbModule])]
pub struct AppModule;

fn main() {
    let _app = App::<AppModule>::builder()
        .replace_for_test::<CacheModule, Cache>(Arc::new(Cache))
        .build_sync();
}
