// Each parameter of a provider function is an `Arc<T>` dependency.
use modkit::provider;

pub struct Config;
pub struct Pool;

#[provider]
pub fn make_pool(config: &Config) -> Pool {
    let _ = config;
    Pool
}

fn main() {}
