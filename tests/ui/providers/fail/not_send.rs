// Every provider is shared across threads: an `Rc` field is refused.
use modkit::{injectable, module};
use std::rc::Rc;

#[injectable]
pub struct Counter {
    #[inject(default)]
    hits: Rc<u64>,
}

#[module(providers = [Counter])]
pub struct AppModule;

fn main() {}
