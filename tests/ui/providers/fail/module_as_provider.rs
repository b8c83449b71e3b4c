// A module listed among providers.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(providers = [LoggerModule])]
pub struct UserModule;

fn main() {}
