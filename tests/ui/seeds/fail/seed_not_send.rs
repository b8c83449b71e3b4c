// Seeds are shared by the clones of a scope, across threads: they must be Send + Sync.
use modkit::{App, module};
use std::rc::Rc;

pub struct RequestId(pub Rc<u64>);

#[module(seeds = [RequestId])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
