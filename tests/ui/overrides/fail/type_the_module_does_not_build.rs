// A test replaces a provider the module it names does not build.
use std::sync::Arc;

use modkit::{App, injectable, module};

#[injectable]
pub struct Db;

#[injectable]
pub struct Mailer;

#[module(providers = [Db], exports = [Db])]
pub struct DbModule;

#[module(imports = [DbModule], providers = [Mailer])]
pub struct AppModule;

fn main() {
    let _app = App::<AppModule>::builder()
        .replace_for_test::<DbModule, Mailer>(Arc::new(Mailer))
        .build_sync();
}
