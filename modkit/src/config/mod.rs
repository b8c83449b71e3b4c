//! Typed module config (the `config` feature): a config type declares its schema with
//! [`#[derive(Config)]`](macro@Config); a module takes it with `#[module(config = DbConfig)]`
//! and the app loads it from a TOML file, the environment and values set in code.
//!
//! Sources, lowest to highest:
//! 1. serde's defaults (`#[serde(default)]`, `#[serde(default = "path")]`);
//! 2. the TOML file given to the builder, the table of the config's name (`[db]`, nested
//!    configs in `[db.pool]`);
//! 3. environment variables named after the schema: `DB__URL`, `DB__POOL__MAX_SIZE`, or
//!    `SHOP_DB__URL` under the app prefix `SHOP`. Names are exact: `_` inside a field name is
//!    part of the name, `__` separates the levels;
//! 4. values set in code.
//!
//! Every error of every config is collected ([`ConfigErrors`]), each naming the module, the
//! key, and where the bad value came from or what would set the missing one.
//!
//! ```
//! use modkit::config::{Config, Sources};
//!
//! #[derive(Debug, serde::Deserialize, modkit::Config)]
//! pub struct PoolConfig {
//!     /// Connections at most.
//!     #[serde(default = "ten")]
//!     #[config(validate = positive)]
//!     pub max_size: u32,
//! }
//! fn ten() -> u32 { 10 }
//! fn positive(n: &u32) -> Result<(), String> {
//!     if *n == 0 { Err("must be at least 1".into()) } else { Ok(()) }
//! }
//!
//! #[derive(Debug, serde::Deserialize, modkit::Config)]
//! pub struct DbConfig {
//!     pub url: String,
//!     #[serde(default)]
//!     #[config(nested)]
//!     pub pool: PoolConfig,
//! }
//! # impl Default for PoolConfig { fn default() -> Self { PoolConfig { max_size: 10 } } }
//!
//! let env = [("DB__URL", "postgres://db"), ("DB__POOL__MAX_SIZE", "0")];
//! let err = Sources::new().env_vars(env).load::<DbConfig>("db").unwrap_err();
//! assert_eq!(
//!     err.errors()[0].to_string(),
//!     "`db.pool.max_size`: must be at least 1 (from environment variable `DB__POOL__MAX_SIZE`)"
//! );
//! ```

mod error;
mod load;
mod schema;
mod sources;
mod template;

pub use error::{ConfigError, ConfigErrors};
#[doc(hidden)]
pub use load::Checks;
pub(crate) use load::{LoadFn, load_app, read_any, template};
#[doc(hidden)]
pub use schema::{
    Deserializable, Probe, ShowDebug, ShowNothing, ShowToml, Shown, probe, read_as, unprobed,
};
pub use schema::{Field, Schema};
pub use sources::Sources;
pub use template::{Setting, Template};

pub use crate::module::ConfigModule;

/// Declares a config type's schema: `#[derive(serde::Deserialize, modkit::Config)]`.
///
/// On a struct with named fields. Field attributes:
/// - `#[config(nested)]`: the field is itself a config (its type derives `Config`): its keys
///   are nested (`[db.pool]`, `DB__POOL__MAX_SIZE`);
/// - `#[config(validate = path)]`: `path(&field) -> Result<(), E>`, `E: Display`, run after
///   the config is read; an `Err` is a config error naming the field and where its value came
///   from.
///
/// Struct attributes: `#[config(validate = path)]` (`path(&Self) -> Result<(), E>`, for rules
/// across fields), `#[config(crate = path)]` (modkit renamed).
///
/// The derive reads serde's `default` (on the struct or a field), `rename` and `skip` on
/// fields. It refuses what would make the keys differ from what it can see: `rename_all`,
/// `flatten`, enums, tuple structs, generic structs.
pub use modkit_macros::Config;

/// A config type: deserializable, with a [`Schema`]. Implement it with
/// [`#[derive(Config)]`](macro@Config).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a modkit config",
    label = "not a config type",
    note = "a config type declares its schema next to itself",
    note = "fix: `#[derive(serde::Deserialize, modkit::Config)]` on `{Self}`"
)]
pub trait Config: Send + Sync + Sized + 'static {
    /// Its fields: names, types as written, defaults, docs, nested configs.
    const SCHEMA: &'static Schema;
    /// Reads the config at `key` of the merged sources (generated).
    ///
    /// # Errors
    /// The first value that does not fit.
    #[doc(hidden)]
    fn __read(figment: &figment::Figment, key: &str) -> Result<Self, Box<figment::Error>>;
    /// Runs the validators declared on the type and its fields (generated).
    #[doc(hidden)]
    fn __validate(&self, checks: &mut Checks) {
        let _ = checks;
    }
}
