// `UserModule` re-exports `LoggerModule` without importing it.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(exports = [LoggerModule])]
pub struct UserModule;

fn main() {}
