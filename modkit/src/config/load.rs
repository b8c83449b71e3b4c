//! Reading one config out of the merged sources: the whole struct, then, when it fails, each
//! field on its own, so that every bad or missing field is reported; then the validators.

use std::any::Any;
use std::fmt::Display;
use std::sync::Arc;

use figment::Metadata;

use super::Config;
use super::error::{ConfigError, ConfigErrors};
use super::schema::Schema;
use super::sources::{Prepared, Sources, Target, env_name};
use super::template::Template;
use crate::info::ModuleInfo;

impl Sources {
    /// Reads the config `C` under the name `name` (its table `[name]`, its variables `NAME__..`).
    ///
    /// # Errors
    /// Every error found: the sources' own (an unreadable file, an unknown key or variable),
    /// each field that is missing or does not fit its type, each validator that refused a
    /// value.
    pub fn load<C: Config>(&self, name: &str) -> Result<C, ConfigErrors> {
        let target = Target {
            module: None,
            name,
            schema: C::SCHEMA,
        };
        let prepared = self.prepare(&[target]);
        let mut errors = prepared.errors.clone();
        match read::<C>(&prepared, &target) {
            Ok(c) if errors.is_empty() => Ok(c),
            Ok(_) => Err(ConfigErrors(errors)),
            Err(e) => {
                errors.extend(e);
                Err(ConfigErrors(errors))
            }
        }
    }
}

/// A loaded config, type-erased, as the build hands it to its module.
pub(crate) type AnyConfig = Arc<dyn Any + Send + Sync>;

/// A module's config loader: [`read_any`] for its config type.
pub(crate) type LoadFn = fn(&Prepared, &Target<'_>) -> Result<AnyConfig, Vec<ConfigError>>;

/// Reads `C` for `target`, erased: the loader a module with a config keeps in its info.
pub(crate) fn read_any<C: Config>(
    prepared: &Prepared,
    target: &Target<'_>,
) -> Result<AnyConfig, Vec<ConfigError>> {
    read::<C>(prepared, target).map(|c| Arc::new(c) as AnyConfig)
}

fn read<C: Config>(p: &Prepared, t: &Target<'_>) -> Result<C, Vec<ConfigError>> {
    let mut errors = match C::__read(&p.figment, t.name) {
        Ok(c) => {
            let errors = validate(p, t, &c);
            if errors.is_empty() {
                return Ok(c);
            }
            errors
        }
        Err(whole) => {
            let mut errors = Vec::new();
            probe(p, t, t.schema, t.name, &mut errors);
            if errors.is_empty() {
                errors.extend(whole.into_iter().map(|e| from_figment(&e, t.name)));
            }
            errors
        }
    };
    for e in &mut errors {
        e.module = t.module;
    }
    Err(errors)
}

/// What the validators declared on `C` and its nested configs refuse.
fn validate<C: Config>(p: &Prepared, t: &Target<'_>, c: &C) -> Vec<ConfigError> {
    let mut checks = Checks {
        at: String::new(),
        out: Vec::new(),
    };
    c.__validate(&mut checks);
    checks
        .out
        .into_iter()
        .map(|(key, message)| {
            let full = join(t.name, &key);
            let origin = p.figment.find_metadata(&full).map(|m| describe(m, &full));
            ConfigError::new(message).key(full).origin(origin)
        })
        .collect()
}

/// Each field of `schema` at `at` on its own: missing without a default, or not of its type.
fn probe(p: &Prepared, t: &Target<'_>, schema: &Schema, at: &str, errors: &mut Vec<ConfigError>) {
    for f in schema.fields() {
        let key = format!("{at}.{}", f.name());
        if !p.figment.contains(&key) {
            if !f.has_default() {
                errors.push(missing(p, t, &key, f.nested().is_some()));
            }
            continue;
        }
        if let Some(n) = f.nested()
            && p.figment
                .find_value(&key)
                .is_ok_and(|v| v.as_dict().is_some())
        {
            probe(p, t, n, &key, errors);
            continue;
        }
        if let Err(e) = f.probe(&p.figment, &key) {
            errors.extend(e.into_iter().map(|e| {
                let origin = e.metadata.as_ref().map(|m| describe(m, &key));
                ConfigError::new(e.kind.to_string())
                    .key(key.clone())
                    .origin(origin)
            }));
        }
    }
}

/// A field no source sets and serde has no default for; the fix names every source.
fn missing(p: &Prepared, t: &Target<'_>, key: &str, nested: bool) -> ConfigError {
    let (table, field) = key.rsplit_once('.').unwrap_or((key, key));
    let rel = key.strip_prefix(&format!("{}.", t.name)).unwrap_or(key);
    let file = p.file.as_ref().map_or_else(
        || "a config file".to_owned(),
        |f| format!("`{}`", f.display()),
    );
    let code = match t.module {
        Some(m) => format!("`.set::<{m}>(\"{rel}\", ..)`"),
        None => format!("`.set(\"{}\", \"{rel}\", ..)`", t.name),
    };
    let what = if nested { "the table" } else { "the value" };
    let env = if nested {
        format!(
            "the variables `{}__..`",
            env_name(p.prefix.as_deref(), t.name, rel)
        )
    } else {
        format!(
            "the environment variable `{}`",
            env_name(p.prefix.as_deref(), t.name, rel)
        )
    };
    ConfigError::new(format!(
        "{what} is missing, and `{}` has no default for it",
        t.schema.name()
    ))
    .key(key)
    .fix(format!(
        "set `{field}` in the `[{table}]` table of {file}, {env}, or {code}"
    ))
}

fn from_figment(e: &figment::Error, name: &str) -> ConfigError {
    let key = if e.path.is_empty() {
        name.to_owned()
    } else {
        join(name, &e.path.join("."))
    };
    let origin = e.metadata.as_ref().map(|m| describe(m, &key));
    ConfigError::new(e.kind.to_string()).key(key).origin(origin)
}

/// Where a value came from, for a message: ``file `shop.toml` `` or the layer's own name.
fn describe(meta: &Metadata, _key: &str) -> String {
    match meta.source.as_ref().and_then(figment::Source::file_path) {
        Some(path) => format!("file `{}`", path.display()),
        None => meta.name.to_string(),
    }
}

fn join(name: &str, key: &str) -> String {
    if key.is_empty() {
        name.to_owned()
    } else {
        format!("{name}.{key}")
    }
}

/// What the validators of a config found: `(key, message)` per refused value. Written by
/// `#[derive(Config)]` in `Config::__validate`.
#[doc(hidden)]
pub struct Checks {
    at: String,
    out: Vec<(String, String)>,
}

impl Checks {
    /// The result of field `key`'s validator.
    pub fn field<E: Display>(&mut self, key: &str, result: Result<(), E>) {
        if let Err(e) = result {
            let key = join(&self.at, key);
            let key = key.trim_start_matches('.').to_owned();
            self.out.push((key, e.to_string()));
        }
    }
    /// The result of the struct's validator.
    pub fn whole<E: Display>(&mut self, result: Result<(), E>) {
        if let Err(e) = result {
            self.out.push((self.at.clone(), e.to_string()));
        }
    }
    /// The validators of the nested config at `key`.
    pub fn nested<C: Config>(&mut self, key: &str, value: &C) {
        let outer = std::mem::take(&mut self.at);
        self.at = if outer.is_empty() {
            key.to_owned()
        } else {
            format!("{outer}.{key}")
        };
        value.__validate(self);
        self.at = outer;
    }
}

/// The modules of the app below `root` that declare a config, in build order.
fn targets(root: &'static ModuleInfo) -> Vec<Target<'static>> {
    root.build_order()
        .into_iter()
        .filter_map(|m| {
            let c = m.config()?;
            Some(Target {
                module: Some(m.name()),
                name: c.name(),
                schema: c.schema(),
            })
        })
        .collect()
}

/// Every module's config of the app below `root`, by config name; or every error of them all.
pub(crate) fn load_app(
    root: &'static ModuleInfo,
    sources: &Sources,
) -> Result<Vec<(&'static str, AnyConfig)>, ConfigErrors> {
    let modules: Vec<&'static ModuleInfo> = root
        .build_order()
        .into_iter()
        .filter(|m| m.config().is_some())
        .collect();
    let targets = targets(root);
    let prepared = sources.prepare(&targets);
    let mut errors = prepared.errors.clone();
    let mut loaded = Vec::new();
    for (i, (t, m)) in targets.iter().zip(&modules).enumerate() {
        if let Some(first) = targets[..i].iter().find(|o| o.name == t.name) {
            let mut e = ConfigError::new(format!(
                "modules `{}` and `{}` both name their config `{}`",
                first.module.unwrap_or_default(),
                t.module.unwrap_or_default(),
                t.name
            ))
            .fix(format!(
                "give one of them another name: `#[module(name = \"..\", ..)]` of `{}`",
                m.name()
            ));
            e.module = t.module;
            errors.push(e);
            continue;
        }
        let Some(slot) = m.config() else { continue };
        match (slot.load)(&prepared, t) {
            Ok(c) => loaded.push((t.name, c)),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(ConfigErrors(errors))
    }
}

/// The template of the app below `root`'s configuration.
pub(crate) fn template(root: &'static ModuleInfo, prefix: Option<&str>) -> Template {
    let mut out = Template::new(root.name());
    for t in targets(root) {
        out.add(t.module.unwrap_or_default(), t.name, t.schema, prefix);
    }
    out
}
