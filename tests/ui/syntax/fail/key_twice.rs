// `providers` given twice.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[injectable]
pub struct Clock;

#[module(providers = [Logger], providers = [Clock])]
pub struct LoggerModule;

fn main() {}
