// A provider function cannot be generic.
use modkit::provider;

#[provider]
pub fn make<T: Default>() -> T {
    T::default()
}

fn main() {}
