// `resolve` where only one import exports the type: nothing to choose.
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

#[module(imports = [LoggerModule], providers = [ArticleService], resolve = [Logger from LoggerModule])]
pub struct ArticleModule;

fn main() {
    let _ = App::<ArticleModule>::build_sync();
}
