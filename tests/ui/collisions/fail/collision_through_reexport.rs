// `UserModule` re-exports `LoggerModule`'s `Logger`; `AuditModule` exports a second `Logger`.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(imports = [LoggerModule], exports = [LoggerModule])]
pub struct UserModule;

#[module(providers = [Logger], exports = [Logger])]
pub struct AuditModule;

#[module(imports = [UserModule, AuditModule])]
pub struct AppModule;

fn main() {}
