// A string literal in `providers`.
use modkit::{injectable, module};

#[module(providers = ["Logger"])]
pub struct LoggerModule;

fn main() {}
