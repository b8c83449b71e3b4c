//! What a failed build or shutdown reports.

use std::fmt;

/// The error type of fallible providers and lifecycle hooks.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The step of a provider's start that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Its constructor (a fallible `#[provider]` function) returned an error.
    Construct,
    /// Its `init` hook returned an error.
    Init,
    /// The modules' configs did not load (the `config` feature): nothing was built. The error
    /// lists every config error of the app (`BuildError::config_errors`).
    Config,
    /// A test replaced a provider of a module the app does not have (the `testing` feature,
    /// `AppBuilder::replace_for_test`): the replacement would never be used.
    Replace,
}

/// Why [`App::build`](crate::App::build) failed: the provider, its path from the root module,
/// the error, and what went wrong while shutting down what was already built.
///
/// Its `Display` is one line, `AppModule > UserModule > UserService > Db: connection refused`:
/// the modules from the root to the one that owns the failing provider, then the providers of
/// that module that depend on it, outermost first, then the failing provider.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{module, provider, App};
///
/// pub struct Db;
///
/// #[provider]
/// pub fn connect() -> Result<Db, String> {
///     Err("connection refused".into())
/// }
///
/// #[module(providers = [connect])]
/// pub struct AppModule;
///
/// # fn main() {
/// let err = App::<AppModule>::build_sync().unwrap_err();
/// assert_eq!(err.to_string(), "AppModule > connect: connection refused");
/// assert_eq!(err.provider(), "connect");
/// # }
/// ```
pub struct BuildError {
    /// Boxed: one pointer, so that each `Result<_, BuildError>` of a build (every provider's
    /// `made`, every `import`) is two words, returned in registers, instead of a 72-byte
    /// value copied through the stack at each `?`. Failing is the cold path.
    inner: Box<Failure>,
}

#[derive(Debug)]
struct Failure {
    path: Vec<&'static str>,
    stage: Stage,
    source: BoxError,
    shutdown: Vec<HookError>,
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Failure {
            path,
            stage,
            source,
            shutdown,
        } = &*self.inner;
        f.debug_struct("BuildError")
            .field("path", path)
            .field("stage", stage)
            .field("source", source)
            .field("shutdown", shutdown)
            .finish()
    }
}

impl BuildError {
    #[cold]
    pub(crate) fn new(path: Vec<&'static str>, stage: Stage, source: BoxError) -> BuildError {
        BuildError {
            inner: Box::new(Failure {
                path,
                stage,
                source,
                shutdown: Vec::new(),
            }),
        }
    }

    /// The app's config errors, found before any provider was built.
    #[cfg(feature = "config")]
    #[cold]
    pub(crate) fn config(root: &'static str, errors: crate::config::ConfigErrors) -> BuildError {
        BuildError::new(vec![root], Stage::Config, Box::new(errors))
    }

    /// Every config error of the app, when the build failed at [`Stage::Config`].
    #[cfg(feature = "config")]
    #[must_use]
    pub fn config_errors(&self) -> Option<&crate::config::ConfigErrors> {
        self.inner.source.downcast_ref()
    }

    /// The same error, reached through module `module`: its name goes in front of the path.
    #[cold]
    pub(crate) fn within(mut self, module: &'static str) -> BuildError {
        self.inner.path.insert(0, module);
        self
    }

    pub(crate) fn with_shutdown(mut self, errors: Vec<HookError>) -> BuildError {
        self.inner.shutdown = errors;
        self
    }

    /// The failing provider's name.
    #[must_use]
    pub fn provider(&self) -> &'static str {
        self.inner.path.last().copied().unwrap_or_default()
    }

    /// Module and provider names from the root to the failing provider.
    #[must_use]
    pub fn path(&self) -> &[&'static str] {
        &self.inner.path
    }

    /// Whether the constructor or the init hook failed.
    #[must_use]
    pub fn stage(&self) -> Stage {
        self.inner.stage
    }

    /// Shutdown hooks that failed while the providers built before the failure were shut down.
    #[must_use]
    pub fn shutdown_errors(&self) -> &[HookError] {
        &self.inner.shutdown
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let this = &*self.inner;
        f.write_str(&this.path.join(" > "))?;
        if this.stage == Stage::Init {
            f.write_str(" (init)")?;
        }
        write!(f, ": {}", this.source)?;
        if !this.shutdown.is_empty() {
            write!(
                f,
                "; and {} shutdown hook(s) failed while rolling back:",
                this.shutdown.len()
            )?;
            for e in &this.shutdown {
                write!(f, " [{e}]")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.inner.source)
    }
}

/// One shutdown hook that failed.
#[derive(Debug)]
pub struct HookError {
    /// The module that owns the provider.
    pub module: &'static str,
    /// The provider whose hook failed.
    pub provider: &'static str,
    /// What the hook returned.
    pub error: BoxError,
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} > {}: {}", self.module, self.provider, self.error)
    }
}

impl std::error::Error for HookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.error)
    }
}

/// Every shutdown hook that failed during [`App::shutdown`](crate::App::shutdown); the others
/// still ran.
#[derive(Debug)]
pub struct ShutdownError {
    errors: Vec<HookError>,
}

impl ShutdownError {
    pub(crate) fn new(errors: Vec<HookError>) -> ShutdownError {
        ShutdownError { errors }
    }

    /// The failed hooks, in the order they ran (reverse build order).
    #[must_use]
    pub fn errors(&self) -> &[HookError] {
        &self.errors
    }
}

impl fmt::Display for ShutdownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} shutdown hook(s) failed:", self.errors.len())?;
        for e in &self.errors {
            write!(f, " [{e}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ShutdownError {}
