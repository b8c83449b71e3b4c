// A module from another crate, imported and re-exported here.
use std::sync::Arc;
use modkit::{App, injectable, module};
use shared_logger::{SharedLogger, SharedLoggerModule};

#[injectable]
pub struct Audit {
    log: Arc<SharedLogger>,
}

#[module(imports = [SharedLoggerModule], providers = [Audit], exports = [Audit, SharedLoggerModule])]
pub struct AuditModule;

#[injectable]
pub struct Report {
    audit: Arc<Audit>,
    log: Arc<SharedLogger>,
}

#[module(imports = [AuditModule, shared_logger::SharedLoggerModule], providers = [Report])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let r = app.get::<Report>();
    r.log.log("hello");
    assert!(Arc::ptr_eq(&r.log, &r.audit.log));
    assert_eq!(r.audit.log.count(), 1);
}
