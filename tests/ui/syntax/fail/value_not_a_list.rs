// `providers = Logger` instead of `providers = [Logger]`.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = Logger)]
pub struct LoggerModule;

fn main() {}
