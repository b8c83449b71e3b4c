// A field that is neither `Arc<T>` nor `#[inject(default)]`.
use modkit::{injectable, module};

#[injectable]
pub struct Counter {
    count: u64,
}

fn main() {}
