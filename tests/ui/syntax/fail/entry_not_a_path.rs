// A reference type in `providers`.
use modkit::{injectable, module};

#[module(providers = [&'static str])]
pub struct ConfigModule;

fn main() {}
