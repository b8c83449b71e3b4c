// `resolve` for a type the module provides itself (its own provider wins anyway).
use modkit::{App, injectable, module};
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

#[module(
    imports = [LoggerModule, AuditModule],
    providers = [Logger, ArticleService],
    resolve = [Logger from AuditModule]
)]
pub struct ArticleModule;

fn main() {
    let _ = App::<ArticleModule>::build_sync();
}
