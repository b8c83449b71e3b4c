//! The template of an app's whole configuration: every module's settings, their types,
//! defaults, doc comments and environment variables, as a commented TOML file.

use std::fmt;

use super::schema::Schema;
use super::sources::env_name;

/// One setting of an app: a leaf field of a module's config.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Setting {
    /// The module whose config it is.
    pub module: &'static str,
    /// The full key: config name, then the field's path (`db.pool.max_size`).
    pub key: String,
    /// The field's type, as written.
    pub ty: &'static str,
    /// Its default (as TOML when the type is `Serialize`), `None` when it is required.
    pub default: Option<String>,
    /// The environment variable that sets it.
    pub env: String,
    /// Its doc comment.
    pub doc: &'static str,
}

/// The template of an app's configuration (`App::config_template`, `AppBuilder::config_template`):
/// its [`Display`](fmt::Display) is a TOML file with every setting commented out, its type,
/// default and environment variable above it; [`Template::settings`] lists them for other
/// formats (a `.env` file: `setting.env`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Template {
    root: &'static str,
    settings: Vec<Setting>,
}

impl Template {
    pub(crate) fn new(root: &'static str) -> Template {
        Template {
            root,
            settings: Vec::new(),
        }
    }

    /// Adds the settings of the config `schema` of module `module`, named `name`.
    pub(crate) fn add(
        &mut self,
        module: &'static str,
        name: &str,
        schema: &Schema,
        prefix: Option<&str>,
    ) {
        self.add_at(module, name, "", schema, prefix);
    }

    fn add_at(
        &mut self,
        module: &'static str,
        name: &str,
        at: &str,
        schema: &Schema,
        prefix: Option<&str>,
    ) {
        for f in schema.fields() {
            let rel = if at.is_empty() {
                f.name().to_owned()
            } else {
                format!("{at}.{}", f.name())
            };
            if let Some(n) = f.nested() {
                self.add_at(module, name, &rel, n, prefix);
                continue;
            }
            self.settings.push(Setting {
                module,
                key: format!("{name}.{rel}"),
                ty: f.ty(),
                default: f.default(),
                env: env_name(prefix, name, &rel),
                doc: f.doc(),
            });
        }
    }

    /// Every setting, module by module in build order, fields in declaration order.
    #[must_use]
    pub fn settings(&self) -> &[Setting] {
        &self.settings
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# The configuration of `{}`.", self.root)?;
        writeln!(
            f,
            "# Sources, lowest to highest: defaults, this file, environment variables, values set in code."
        )?;
        let mut table = "";
        for s in &self.settings {
            let (t, field) = s.key.rsplit_once('.').unwrap_or(("", &s.key));
            if t == table {
                writeln!(f)?;
            } else {
                writeln!(f, "\n[{t}] # module `{}`", s.module)?;
                table = t;
            }
            for line in s.doc.lines() {
                writeln!(f, "# {}", line.trim_end())?;
            }
            if let Some(d) = &s.default {
                writeln!(f, "# {}, default {d}; env {}", s.ty, s.env)?;
                writeln!(f, "# {field} = {d}")?;
            } else {
                writeln!(f, "# {}, required; env {}", s.ty, s.env)?;
                writeln!(f, "# {field} = <{}>", s.ty)?;
            }
        }
        Ok(())
    }
}
