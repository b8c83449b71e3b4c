//! Where config values come from, lowest to highest: serde defaults, a TOML file, environment
//! variables named after the schema, values set in code. Merged with figment, one layer per
//! source (one per environment variable and per value set in code), so that every value keeps
//! its origin for the error messages.

use std::path::PathBuf;

use figment::providers::{Format as _, Toml};
use figment::value::{Dict, Map, Value};
use figment::{Figment, Metadata, Profile, Provider};

use super::error::ConfigError;
use super::schema::{Field, Schema};

/// The sources of an app's config: a TOML file, the environment (optionally under an app
/// prefix), and values set in code. [`AppBuilder`](crate::AppBuilder) holds one; this type
/// also loads a single config by hand ([`Sources::load`]).
///
/// ```
/// use modkit::config::Sources;
///
/// #[derive(serde::Deserialize, modkit::Config)]
/// pub struct DbConfig {
///     pub url: String,
///     #[serde(default)]
///     pub port: u16,
/// }
///
/// let db: DbConfig = Sources::new()
///     .env_prefix("SHOP")
///     .env_vars([("SHOP_DB__URL", "postgres://env")]) // instead of the process environment
///     .set("db", "port", 5433)
///     .load("db")
///     .unwrap();
/// assert_eq!((db.url.as_str(), db.port), ("postgres://env", 5433));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Sources {
    file: Option<PathBuf>,
    prefix: Option<String>,
    env: Option<Vec<(String, String)>>,
    set: Vec<(String, String, Result<Value, String>)>,
}

/// One config the sources are read for: its module (if any), its name and its schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target<'a> {
    pub(crate) module: Option<&'static str>,
    pub(crate) name: &'a str,
    pub(crate) schema: &'static Schema,
}

/// The merged sources and the errors found while reading them.
pub(crate) struct Prepared {
    pub(crate) figment: Figment,
    pub(crate) errors: Vec<ConfigError>,
    pub(crate) prefix: Option<String>,
    pub(crate) file: Option<PathBuf>,
}

impl Sources {
    /// No file, the process environment without a prefix, nothing set in code.
    #[must_use]
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Reads the TOML file at `path`: each config from the table of its name (`[db]`, nested
    /// configs in sub-tables `[db.pool]`). A file that is missing or not valid TOML is a config
    /// error; so is a key in a config's table that the config does not have (a typo).
    #[must_use]
    pub fn file(mut self, path: impl Into<PathBuf>) -> Sources {
        self.file = Some(path.into());
        self
    }

    /// Reads environment variables under an app prefix: `SHOP_DB__URL` instead of `DB__URL`.
    /// A variable under the prefix that names no config field is then an error (a typo).
    #[must_use]
    pub fn env_prefix(mut self, prefix: impl Into<String>) -> Sources {
        self.prefix = Some(prefix.into());
        self
    }

    /// Reads these variables instead of the process environment (tests, or an environment
    /// assembled by hand).
    #[must_use]
    pub fn env_vars<K: Into<String>, V: Into<String>>(
        mut self,
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Sources {
        self.env = Some(
            vars.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        );
        self
    }

    /// Sets `key` (a dotted path: `pool.max_size`) of the config named `name`, above every
    /// other source. A key the config does not have, or a value of the wrong type, is a config
    /// error when the config is loaded.
    #[must_use]
    pub fn set(
        mut self,
        name: impl Into<String>,
        key: impl Into<String>,
        value: impl serde::Serialize,
    ) -> Sources {
        let value = Value::serialize(value).map_err(|e| e.to_string());
        self.set.push((name.into(), key.into(), value));
        self
    }

    /// The environment variable that sets `key` of config `name` (`SHOP_DB__POOL__MAX_SIZE`).
    #[must_use]
    pub fn env_name(&self, name: &str, key: &str) -> String {
        env_name(self.prefix.as_deref(), name, key)
    }

    /// The app prefix, if one is set.
    pub(crate) fn prefix(&self) -> Option<&str> {
        self.prefix.as_deref()
    }

    pub(crate) fn prepare(&self, targets: &[Target<'_>]) -> Prepared {
        let mut errors = Vec::new();
        let mut figment = Figment::new();
        for t in targets {
            let empty = nest(&[t.name], Value::from(Dict::new()));
            figment = figment.merge(Layer(Metadata::named("the defaults"), empty));
        }
        if let Some(path) = &self.file
            && let Some(layer) = read_file(path, targets, &mut errors)
        {
            figment = figment.merge(layer);
        }
        figment = self.merge_env(figment, targets, &mut errors);
        for (name, key, value) in &self.set {
            let full = format!("{name}.{key}");
            let known = targets
                .iter()
                .find(|t| t.name == name)
                .is_some_and(|t| t.schema.find(key).is_some());
            match value {
                Err(e) => errors.push(ConfigError::new(e.clone()).key(full)),
                Ok(_) if !known => errors.push(unknown_set(targets, name, key)),
                Ok(v) => {
                    let path: Vec<&str> = full.split('.').collect();
                    let meta = Metadata::named("set in code");
                    figment = figment.merge(Layer(meta, nest(&path, v.clone())));
                }
            }
        }
        Prepared {
            figment,
            errors,
            prefix: self.prefix.clone(),
            file: self.file.clone(),
        }
    }

    fn merge_env(
        &self,
        mut figment: Figment,
        targets: &[Target<'_>],
        errors: &mut Vec<ConfigError>,
    ) -> Figment {
        let known: Vec<(String, String)> = targets
            .iter()
            .flat_map(|t| {
                leaf_keys(t.schema)
                    .into_iter()
                    .map(|k| (self.env_name(t.name, &k), format!("{}.{k}", t.name)))
            })
            .collect();
        let vars: Vec<(String, String)> = match &self.env {
            Some(v) => v.clone(),
            None => std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        };
        let under = self.prefix.as_ref().map(|p| format!("{p}_"));
        for (var, raw) in vars {
            if let Some((_, key)) = known.iter().find(|(e, _)| *e == var) {
                let path: Vec<&str> = key.split('.').collect();
                let meta = Metadata::named(format!("environment variable `{var}`"));
                figment = figment.merge(Layer(meta, nest(&path, env_value(&raw))));
            } else if under.as_ref().is_some_and(|u| var.starts_with(u.as_str())) {
                errors.push(unknown_var(&var, &known));
            }
        }
        figment
    }
}

/// `SHOP_DB__POOL__MAX_SIZE` for prefix `SHOP`, config `db`, key `pool.max_size`.
pub(crate) fn env_name(prefix: Option<&str>, name: &str, key: &str) -> String {
    let mut out = String::new();
    if let Some(p) = prefix {
        out.push_str(p);
        out.push('_');
    }
    out.push_str(name);
    for part in key.split('.') {
        out.push_str("__");
        out.push_str(part);
    }
    out.to_uppercase().replace('-', "_")
}

/// Every settable key of a schema, nested keys dotted, depth first.
pub(crate) fn leaf_keys(schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for f in schema.fields() {
        match f.nested() {
            Some(n) => out.extend(
                leaf_keys(n)
                    .into_iter()
                    .map(|k| format!("{}.{k}", f.name())),
            ),
            None => out.push(f.name().to_owned()),
        }
    }
    out
}

/// An environment variable's value: a string (converted to the field's type when it is read),
/// or a TOML-like array or table when it starts with `[` or `{`.
fn env_value(raw: &str) -> Value {
    let t = raw.trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        let Ok(v) = raw.parse::<Value>();
        return v;
    }
    Value::from(raw.to_owned())
}

fn read_file(
    path: &PathBuf,
    targets: &[Target<'_>],
    errors: &mut Vec<ConfigError>,
) -> Option<Layer> {
    let shown = path.display();
    if !path.is_file() {
        errors.push(
            ConfigError::new(format!("the config file `{shown}` does not exist"))
                .fix("create it, or give the builder the path of an existing file"),
        );
        return None;
    }
    let data = match Toml::file_exact(path).data() {
        Ok(mut d) => d.remove(&Profile::Default).unwrap_or_default(),
        Err(e) => {
            errors.push(ConfigError::new(format!(
                "the config file `{shown}` is not valid TOML: {}",
                e.kind
            )));
            return None;
        }
    };
    for t in targets {
        if let Some(Value::Dict(_, table)) = data.get(t.name) {
            unknown_keys(
                table,
                t.schema,
                t.name,
                &shown.to_string(),
                t.module,
                errors,
            );
        }
    }
    let meta = Metadata::from("TOML file", figment::Source::File(path.clone()));
    Some(Layer(meta, data))
}

/// Keys of a config's table in the file that its schema does not have.
fn unknown_keys(
    table: &Dict,
    schema: &Schema,
    at: &str,
    file: &str,
    module: Option<&'static str>,
    errors: &mut Vec<ConfigError>,
) {
    for (k, v) in table {
        let key = format!("{at}.{k}");
        if let Some(f) = schema.fields().iter().find(|f| f.name() == k) {
            if let (Some(n), Value::Dict(_, sub)) = (f.nested(), v) {
                unknown_keys(sub, n, &key, file, module, errors);
            }
        } else {
            {
                let names: Vec<&str> = schema.fields().iter().map(Field::name).collect();
                let mut e = ConfigError::new(format!("`{}` has no field `{k}`", schema.name()))
                    .key(key)
                    .origin(Some(format!("file `{file}`")))
                    .fix(format!("its fields are: {}", names.join(", ")));
                e.module = module;
                errors.push(e);
            }
        }
    }
}

fn unknown_set(targets: &[Target<'_>], name: &str, key: &str) -> ConfigError {
    let mut e = if let Some(t) = targets.iter().find(|t| t.name == name) {
        let mut e = ConfigError::new(format!("`{}` has no field `{key}`", t.schema.name()))
            .fix(format!("its keys are: {}", leaf_keys(t.schema).join(", ")));
        e.module = t.module;
        e
    } else {
        let names: Vec<&str> = targets.iter().map(|t| t.name).collect();
        ConfigError::new(format!("no module of this app has the config `{name}`"))
            .fix(format!("the config names are: {}", names.join(", ")))
    };
    e.key = Some(format!("{name}.{key}"));
    e.origin(Some("set in code".to_owned()))
}

fn unknown_var(var: &str, known: &[(String, String)]) -> ConfigError {
    let near = known
        .iter()
        .map(|(e, _)| (distance(e, var), e))
        .min()
        .filter(|(d, _)| *d <= 3);
    let mut e = ConfigError::new("no config field has this environment variable")
        .origin(Some(format!("environment variable `{var}`")));
    e.fix = Some(match near {
        Some((_, name)) => format!("did you mean `{name}`?"),
        None => "the app's variables are listed in its config template".to_owned(),
    });
    e
}

/// The edit distance between two names (for "did you mean").
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// `value` at `path`, as nested tables.
fn nest(path: &[&str], value: Value) -> Dict {
    let mut value = value;
    for part in path.iter().skip(1).rev() {
        let mut d = Dict::new();
        d.insert((*part).to_owned(), value);
        value = Value::from(d);
    }
    let mut d = Dict::new();
    if let Some(first) = path.first() {
        d.insert((*first).to_owned(), value);
    }
    d
}

/// One source's values, with where they came from.
struct Layer(Metadata, Dict);

impl Provider for Layer {
    fn metadata(&self) -> Metadata {
        self.0.clone()
    }
    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        Ok(Profile::Default.collect(self.1.clone()))
    }
}
