// A provider function is a free function: `#[provider]` on an associated function is refused.
use modkit::provider;

pub struct Pool;

impl Pool {
    #[provider]
    pub fn connect() -> Pool {
        Pool
    }
}

fn main() {}
