// A field that is neither `Arc<T>` nor `#[inject(default)]`.
use modkit::injectable;

#[injectable]
pub struct Counter {
    count: u64,
}

fn main() {}
