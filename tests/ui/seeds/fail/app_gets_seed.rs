// A seed lives in a request scope: the app cannot hand one out.
use modkit::{App, module};
use std::sync::Arc;

pub struct RequestId(pub u64);

#[module(seeds = [RequestId])]
pub struct AppModule;

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let _ = app.get::<RequestId>();
}
