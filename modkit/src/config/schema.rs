//! What a config type declares about itself: its fields, their types as written, defaults, doc
//! comments and nested configs. Written by `#[derive(Config)]`.

use std::fmt::Debug;

use figment::Figment;
use figment::value::Value;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The schema of a config type: its name and its fields, in declaration order.
///
/// Written by [`#[derive(Config)]`](macro@crate::config::Config); read it through
/// [`Config::SCHEMA`](crate::config::Config::SCHEMA).
///
/// ```
/// use modkit::config::Config;
///
/// #[derive(serde::Deserialize, modkit::Config)]
/// pub struct DbConfig {
///     /// Where the database is.
///     pub url: String,
///     #[serde(default = "default_port")]
///     pub port: u16,
/// }
/// fn default_port() -> u16 { 5432 }
///
/// let schema = DbConfig::SCHEMA;
/// assert_eq!(schema.name(), "DbConfig");
/// let port = &schema.fields()[1];
/// assert_eq!((port.name(), port.ty()), ("port", "u16"));
/// assert_eq!(port.default().as_deref(), Some("5432"));
/// assert_eq!(schema.fields()[0].doc(), "Where the database is.");
/// ```
#[derive(Debug)]
pub struct Schema {
    name: &'static str,
    fields: &'static [Field],
}

/// One field of a config type.
pub struct Field {
    name: &'static str,
    ty: &'static str,
    doc: &'static str,
    default: Option<fn() -> String>,
    nested: Option<&'static Schema>,
    probe: Probe,
}

/// Reads the value at a key as the field's type, for the error when it does not fit.
#[doc(hidden)]
pub type Probe = fn(&Figment, &str) -> Result<(), figment::Error>;

impl Schema {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(name: &'static str, fields: &'static [Field]) -> Schema {
        Schema { name, fields }
    }
    /// The config type's name.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }
    /// Its fields, in declaration order (fields serde skips are not listed).
    #[must_use]
    pub const fn fields(&self) -> &'static [Field] {
        self.fields
    }
    /// The field at `key`, a dotted path through nested configs (`pool.max_size`).
    #[must_use]
    pub fn find(&self, key: &str) -> Option<&'static Field> {
        let (head, rest) = match key.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (key, None),
        };
        let field = self.fields.iter().find(|f| f.name == head)?;
        match rest {
            None => Some(field),
            Some(rest) => field.nested?.find(rest),
        }
    }
}

impl Field {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(
        name: &'static str,
        ty: &'static str,
        doc: &'static str,
        default: Option<fn() -> String>,
        nested: Option<&'static Schema>,
        probe: Probe,
    ) -> Field {
        Field {
            name,
            ty,
            doc,
            default,
            nested,
            probe,
        }
    }
    /// The key in the file and in the environment variable (serde's `rename` applied).
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }
    /// The field's type, as written.
    #[must_use]
    pub const fn ty(&self) -> &'static str {
        self.ty
    }
    /// Its doc comment, trimmed (empty when it has none).
    #[must_use]
    pub const fn doc(&self) -> &'static str {
        self.doc
    }
    /// Whether serde fills it in when no source sets it (`#[serde(default)]`).
    #[must_use]
    pub const fn has_default(&self) -> bool {
        self.default.is_some()
    }
    /// Its default as TOML when the type is `Serialize` (else as `Debug`, else a placeholder);
    /// `None` when the field is required.
    #[must_use]
    pub fn default(&self) -> Option<String> {
        self.default.map(|f| f())
    }
    /// The schema of a nested config (`#[config(nested)]`).
    #[must_use]
    pub const fn nested(&self) -> Option<&'static Schema> {
        self.nested
    }
    #[allow(
        clippy::result_large_err,
        reason = "figment's own error, on the cold path"
    )]
    pub(crate) fn probe(&self, figment: &Figment, key: &str) -> Result<(), figment::Error> {
        (self.probe)(figment, key)
    }
}

impl Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("name", &self.name)
            .field("ty", &self.ty)
            .field("default", &self.default())
            .field("nested", &self.nested.map(Schema::name))
            .finish_non_exhaustive()
    }
}

/// [`Probe`] for a field of type `T`.
#[doc(hidden)]
#[allow(
    clippy::result_large_err,
    reason = "figment's own error, on the cold path"
)]
pub fn probe<T: DeserializeOwned>(figment: &Figment, key: &str) -> Result<(), figment::Error> {
    figment.extract_inner_lossy::<T>(key).map(drop)
}

/// [`Probe`] for a field read through serde's `with`/`deserialize_with`: its type alone does not
/// say how; the whole struct's error is reported instead.
#[doc(hidden)]
#[allow(
    clippy::result_large_err,
    reason = "figment's own error, on the cold path"
)]
pub fn unprobed(_: &Figment, _: &str) -> Result<(), figment::Error> {
    Ok(())
}

/// A type serde can read: what a config type derives besides `Config`.
#[diagnostic::on_unimplemented(
    message = "config `{Self}` cannot be read: it does not implement `serde::Deserialize`",
    label = "`#[derive(modkit::Config)]` declares the schema, serde reads the values",
    note = "fix: `#[derive(serde::Deserialize, modkit::Config)]` on `{Self}`"
)]
#[doc(hidden)]
pub trait Deserializable: DeserializeOwned {}
#[diagnostic::do_not_recommend]
impl<T: DeserializeOwned> Deserializable for T {}

/// Reads a config type at `key`, strings converted to the numbers and booleans the type asks
/// for (environment variables are strings).
///
/// # Errors
/// The first value that does not fit.
#[doc(hidden)]
pub fn read_as<C: Deserializable>(figment: &Figment, key: &str) -> Result<C, Box<figment::Error>> {
    figment.extract_inner_lossy::<C>(key).map_err(Box::new)
}

/// A default value, rendered for the template: as TOML when its type is `Serialize`, else as
/// `Debug`, else as a placeholder. The derive calls `(&&&Shown(&v)).shown()`: method lookup
/// takes the first of the three impls whose bound holds.
#[doc(hidden)]
pub struct Shown<'a, T>(pub &'a T);

#[doc(hidden)]
pub trait ShowToml {
    fn shown(&self) -> String;
}
#[doc(hidden)]
pub trait ShowDebug {
    fn shown(&self) -> String;
}
#[doc(hidden)]
pub trait ShowNothing {
    fn shown(&self) -> String;
}
impl<T: Serialize> ShowToml for &&Shown<'_, T> {
    fn shown(&self) -> String {
        match Value::serialize(self.0) {
            Ok(v) => toml_value(&v),
            Err(_) => "(none)".to_owned(),
        }
    }
}
impl<T: Debug> ShowDebug for &Shown<'_, T> {
    fn shown(&self) -> String {
        format!("{:?}", self.0)
    }
}
impl<T> ShowNothing for Shown<'_, T> {
    fn shown(&self) -> String {
        "(a default)".to_owned()
    }
}

/// A value as TOML writes it inline.
pub(crate) fn toml_value(v: &Value) -> String {
    match v {
        Value::String(_, s) => format!("{s:?}"),
        Value::Char(_, c) => format!("\"{c}\""),
        Value::Bool(_, b) => b.to_string(),
        Value::Num(_, n) => n
            .to_f64()
            .filter(|_| n.to_i128().is_none() && n.to_u128().is_none())
            .map_or_else(
                || {
                    n.to_i128()
                        .map(|i| i.to_string())
                        .or_else(|| n.to_u128().map(|u| u.to_string()))
                        .unwrap_or_default()
                },
                |f| format!("{f:?}"),
            ),
        Value::Empty(..) => "(none)".to_owned(),
        Value::Array(_, items) => {
            let items: Vec<String> = items.iter().map(toml_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Dict(_, d) => {
            let items: Vec<String> = d
                .iter()
                .map(|(k, v)| format!("{k} = {}", toml_value(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
    }
}
