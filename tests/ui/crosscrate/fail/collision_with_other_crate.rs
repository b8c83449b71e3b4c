// The other crate's `SharedLoggerModule` and a local module both export a `SharedLogger`.
use modkit::module;

use shared_logger::{SharedLogger, SharedLoggerModule};

#[module(providers = [SharedLogger], exports = [SharedLogger])]
pub struct LocalLoggerModule;

#[module(imports = [SharedLoggerModule, LocalLoggerModule])]
pub struct AppModule;

fn main() {}
