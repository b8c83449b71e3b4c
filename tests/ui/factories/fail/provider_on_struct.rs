// `#[provider]` goes on functions; structs use `#[injectable]`.
use modkit::provider;

#[provider]
pub struct Pool;

fn main() {}
