// `UserModule` tries to re-export `Formatter`, which `LoggerModule` keeps private.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[injectable]
pub struct Formatter;

#[module(providers = [Logger, Formatter], exports = [Logger])]
pub struct LoggerModule;

#[module(imports = [LoggerModule], exports = [Formatter])]
pub struct UserModule;

fn main() {}
