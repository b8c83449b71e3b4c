//! What a config load reports: every error of every module at once.

use std::fmt;

/// One config error: the module, the key, what is wrong, where the bad value came from, and
/// what would set a missing one.
///
/// `Display` is one line:
/// ``DbModule: `db.port`: invalid type: found string "abc", expected u16 (from environment variable `SHOP_DB__PORT`)``.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigError {
    /// The module whose config this is; `None` for an error of the app's sources as a whole (a
    /// config file that cannot be read, an unknown environment variable under the app prefix).
    pub module: Option<&'static str>,
    /// The full key: the module's config name, then the field's path (`db.pool.max_size`);
    /// `None` when the error is not about one key.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
    /// Where the bad value came from: ``environment variable `SHOP_DB__PORT` ``,
    /// ``file `shop.toml` ``, `set in code`; `None` for a missing value or a default.
    pub origin: Option<String>,
    /// What would set the missing value, or fix the mistake.
    pub fix: Option<String>,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> ConfigError {
        ConfigError {
            module: None,
            key: None,
            message: message.into(),
            origin: None,
            fix: None,
        }
    }
    pub(crate) fn key(mut self, key: impl Into<String>) -> ConfigError {
        self.key = Some(key.into());
        self
    }
    pub(crate) fn origin(mut self, origin: Option<String>) -> ConfigError {
        self.origin = origin;
        self
    }
    pub(crate) fn fix(mut self, fix: impl Into<String>) -> ConfigError {
        self.fix = Some(fix.into());
        self
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(m) = self.module {
            write!(f, "{m}: ")?;
        }
        if let Some(k) = &self.key {
            write!(f, "`{k}`: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(o) = &self.origin {
            write!(f, " (from {o})")?;
        }
        if let Some(fix) = &self.fix {
            write!(f, "; {fix}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Every config error of a load, in module build order: what [`Stage::Config`] build errors
/// carry (read them with `BuildError::config_errors`).
///
/// [`Stage::Config`]: crate::Stage::Config
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors(pub(crate) Vec<ConfigError>);

impl ConfigErrors {
    /// The errors, each once.
    #[must_use]
    pub fn errors(&self) -> &[ConfigError] {
        &self.0
    }
}

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} config error{}:", if n == 1 { "" } else { "s" })?;
        for e in &self.0 {
            write!(f, "\n  - {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}
