// `Logger` is listed twice in `exports`.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger, Logger])]
pub struct LoggerModule;

fn main() {}
