// `SharedLogger` comes from another crate's module, reached only through `AuditModule`.
use modkit::{injectable, module};
use std::sync::Arc;

use shared_logger::{SharedLogger, SharedLoggerModule};

#[injectable]
pub struct Audit {
    log: Arc<SharedLogger>,
}

#[module(imports = [SharedLoggerModule], providers = [Audit], exports = [Audit])]
pub struct AuditModule;

#[injectable]
pub struct Report {
    audit: Arc<Audit>,
    log: Arc<SharedLogger>,
}

#[module(imports = [AuditModule], providers = [Report])]
pub struct ReportModule;

fn main() {}
