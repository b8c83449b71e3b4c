// `resolve` chooses an import that does not export the type.
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

#[injectable]
pub struct Other;

#[module(providers = [Other], exports = [Other])]
pub struct OtherModule;

#[module(
    imports = [LoggerModule, AuditModule, OtherModule],
    providers = [ArticleService],
    resolve = [Logger from OtherModule]
)]
pub struct ArticleModule;

fn main() {
    let _ = App::<ArticleModule>::build_sync();
}
