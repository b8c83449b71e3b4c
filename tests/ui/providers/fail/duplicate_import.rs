// The same module imported twice.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(imports = [LoggerModule, LoggerModule])]
pub struct UserModule;

fn main() {}
