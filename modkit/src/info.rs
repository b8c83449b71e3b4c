//! The static graph: what every module declares, kept as plain `'static` data.

/// One dependency edge of a provider, as the module that builds it resolved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DepInfo {
    /// The dependency's type, as written in the provider list that provides it.
    pub ty: &'static str,
    /// The module whose provider is injected.
    pub module: &'static str,
    /// The provider's index in its module when it is local to the module being built.
    pub local: Option<usize>,
}

/// One provider of a module.
#[derive(Debug, Clone, Copy)]
pub struct ProviderInfo {
    /// The provided type, as written in `providers = [..]`.
    pub name: &'static str,
    /// Its dependencies, in field order.
    pub deps: &'static [DepInfo],
    /// Whether the module lists it in `exports = [..]`.
    pub exported: bool,
    /// How long an instance lives, or whether the app is given it.
    pub kind: Kind,
}

/// How a provider's instances live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One instance per app, built by `App::build` (the default).
    Singleton,
    /// A new instance on every resolve.
    Transient,
    /// One instance per request scope ([`crate::Scope`]), built when first resolved in it.
    Request,
    /// One instance per app, supplied by the caller with [`crate::AppBuilder::value`].
    Value,
}

impl Kind {
    /// The word used in messages and in the rendered graph.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Singleton => "singleton",
            Kind::Transient => "transient",
            Kind::Request => "request",
            Kind::Value => "value",
        }
    }
}

/// One export of a module.
#[derive(Debug, Clone, Copy)]
pub struct ExportInfo {
    /// The exported type.
    pub name: &'static str,
    /// The module that provides it (the module itself, or an import it re-exports).
    pub origin: &'static str,
}

/// Everything a `#[module]` declares.
#[derive(Debug)]
pub struct ModuleInfo {
    /// The module's name.
    pub name: &'static str,
    /// A key unique to this module definition across the whole build.
    pub id: &'static str,
    /// Its imports, in declaration order.
    pub imports: &'static [fn() -> &'static ModuleInfo],
    /// Its providers, in declaration order.
    pub providers: &'static [ProviderInfo],
    /// Everything it exports, re-exports resolved.
    pub exports: &'static [ExportInfo],
    /// The singletons `App::build` constructs, in the order it builds them (every one after
    /// its dependencies in this module), each named as it names itself: a binding
    /// `SmtpMailer as dyn Mailer` by its implementation, `SmtpMailer`.
    pub starts: &'static [&'static str],
}

impl ModuleInfo {
    /// Every module reachable from `self`, each once, in the order `App::build` builds them:
    /// a depth-first walk of the imports in declaration order, imports before importers, the
    /// module itself last.
    ///
    /// ```
    /// use modkit::{injectable, module, Module};
    ///
    /// #[injectable]
    /// pub struct Clock;
    ///
    /// #[module(providers = [Clock], exports = [Clock])]
    /// pub struct TimeModule;
    ///
    /// #[module(imports = [TimeModule])]
    /// pub struct AppModule;
    ///
    /// # fn main() {
    /// let order: Vec<&str> = AppModule::info().build_order().iter().map(|m| m.name).collect();
    /// assert_eq!(order, ["TimeModule", "AppModule"]);
    /// # }
    /// ```
    #[must_use]
    pub fn build_order(&'static self) -> Vec<&'static ModuleInfo> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        // An explicit stack, not recursion: graphs may be thousands of modules deep.
        let mut stack: Vec<(&'static ModuleInfo, usize)> = vec![(self, 0)];
        seen.insert(self.id);
        while let Some((m, next)) = stack.pop() {
            match m.imports.get(next) {
                Some(import) => {
                    stack.push((m, next + 1));
                    let i = import();
                    if seen.insert(i.id) {
                        stack.push((i, 0));
                    }
                }
                None => out.push(m),
            }
        }
        out
    }
}
