// `provider` is not a key of `#[module]`.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(provider = [Logger])]
pub struct LoggerModule;

fn main() {}
