// `Formatter` is private to `SharedLoggerModule`, which lives in another crate.
use std::sync::Arc;
use modkit::{injectable, module};

use shared_logger::{Formatter, SharedLoggerModule};

#[injectable]
pub struct Report {
    fmt: Arc<Formatter>,
}

#[module(imports = [SharedLoggerModule], providers = [Report])]
pub struct ReportModule;

fn main() {}
