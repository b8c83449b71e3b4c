//! A logger module in its own crate: the tests import it from another crate.

use std::sync::Arc;

use modkit::{injectable, module};

/// Writes lines somewhere; here it only counts them.
#[injectable]
#[derive(Default)]
pub struct SharedLogger {
    #[inject(default)]
    lines: std::sync::atomic::AtomicUsize,
}

impl SharedLogger {
    /// Records one line.
    pub fn log(&self, _line: &str) {
        self.lines
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    /// How many lines were recorded.
    pub fn count(&self) -> usize {
        self.lines.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Formats lines before logging them; kept private to its module.
#[injectable]
pub struct Formatter {
    /// The logger it writes to.
    pub logger: Arc<SharedLogger>,
}

/// Provides and exports [`SharedLogger`]; keeps [`Formatter`] private.
#[module(providers = [SharedLogger, Formatter], exports = [SharedLogger])]
pub struct SharedLoggerModule;

/// A plugin point: other crates contribute to `All<dyn Plugin>` and gather it.
pub trait Plugin: Send + Sync {
    /// The plugin's name.
    fn name(&self) -> &'static str;
}

/// A plugin that logs through [`SharedLogger`].
#[injectable]
pub struct LogPlugin {
    /// The logger it writes to.
    pub logger: Arc<SharedLogger>,
}

impl Plugin for LogPlugin {
    fn name(&self) -> &'static str {
        "log"
    }
}

/// Contributes [`LogPlugin`] to `All<dyn Plugin>` and exports the collection.
#[module(imports = [SharedLoggerModule], contribute = [LogPlugin as dyn Plugin], exports = [modkit::All<dyn Plugin>])]
pub struct PluginModule;
