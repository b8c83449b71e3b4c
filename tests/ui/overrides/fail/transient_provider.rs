// A transient is made on every resolve, not built once: there is nothing to replace.
use std::sync::Arc;

use modkit::{App, injectable, module};

#[injectable(scope = transient)]
pub struct RequestId;

#[module(providers = [RequestId])]
pub struct AppModule;

fn main() {
    let _app = App::<AppModule>::builder()
        .replace_for_test::<AppModule, RequestId>(Arc::new(RequestId))
        .build_sync();
}
