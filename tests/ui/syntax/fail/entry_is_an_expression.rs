// A string literal in `providers`.
use modkit::module;

#[module(providers = ["Logger"])]
pub struct LoggerModule;

fn main() {}
