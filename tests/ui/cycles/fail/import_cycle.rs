// LoggerModule imports UserModule, which imports LoggerModule.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[injectable]
pub struct UserRepo;

#[module(imports = [UserModule], providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(imports = [LoggerModule], providers = [UserRepo], exports = [UserRepo])]
pub struct UserModule;

fn main() {}
