// A reference type in `providers`.
use modkit::module;

#[module(providers = [&'static str])]
pub struct ConfigModule;

fn main() {}
