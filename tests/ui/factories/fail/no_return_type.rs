// A provider function returns what it provides.
use modkit::provider;

#[provider]
pub fn make_pool() {}

fn main() {}
