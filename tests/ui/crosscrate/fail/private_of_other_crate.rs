// `Formatter` is private to `SharedLoggerModule`, which lives in another crate.
use modkit::{injectable, module};
use std::sync::Arc;

use shared_logger::{Formatter, SharedLoggerModule};

#[injectable]
pub struct Report {
    fmt: Arc<Formatter>,
}

#[module(imports = [SharedLoggerModule], providers = [Report])]
pub struct ReportModule;

fn main() {}
