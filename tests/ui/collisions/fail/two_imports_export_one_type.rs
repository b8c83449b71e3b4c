// `LoggerModule` and `AuditModule` each provide and export their own `Logger`.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[module(providers = [Logger], exports = [Logger])]
pub struct AuditModule;

#[injectable]
pub struct ArticleService {
    log: Arc<Logger>,
}

#[module(imports = [LoggerModule, AuditModule], providers = [ArticleService])]
pub struct ArticleModule;

fn main() {}
