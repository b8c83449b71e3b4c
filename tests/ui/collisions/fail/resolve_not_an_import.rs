// `resolve` names a module that is not an import of `ArticleModule`: one error at the entry.
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

#[module(imports = [LoggerModule, AuditModule], providers = [ArticleService], resolve = [Logger from LogModule])]
pub struct ArticleModule;

fn main() {
    let _ = App::<ArticleModule>::build_sync();
}
