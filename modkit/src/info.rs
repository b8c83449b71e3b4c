//! The static graph: what every module declares, kept as plain `'static` data.

/// One dependency edge of a provider, as the module that builds it resolved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DepInfo {
    /// The dependency's type, as written in the provider list that provides it.
    pub(crate) ty: &'static str,
    /// The module whose provider is injected.
    pub(crate) module: &'static str,
    /// The provider's index in its module when it is local to the module being built.
    pub(crate) local: Option<usize>,
}

/// One provider of a module.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ProviderInfo {
    /// The provided type, as written in `providers = [..]`.
    pub(crate) name: &'static str,
    /// Its dependencies, in field order.
    pub(crate) deps: &'static [DepInfo],
    /// Whether the module lists it in `exports = [..]`.
    pub(crate) exported: bool,
    /// How long an instance lives, or whether the app is given it.
    pub(crate) kind: Kind,
}

/// How a provider's instances live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// One instance per app, built by `App::build` (the default).
    Singleton,
    /// A new instance on every resolve.
    Transient,
    /// One instance per request scope ([`crate::Scope`]), built when first resolved in it.
    Request,
    /// One instance per app, supplied by the caller with [`crate::AppBuilder::value`].
    Value,
    /// One instance per request scope, supplied when the scope is opened
    /// ([`crate::ScopeBuilder::with`]).
    Seed,
    /// The module's config (`#[module(config = ..)]`), loaded before any provider is built.
    Config,
    /// An export of a global module (`#[module(global, ..)]`) the module uses without importing
    /// it: the global module's instance.
    Global,
}

impl DepInfo {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(ty: &'static str, module: &'static str, local: Option<usize>) -> DepInfo {
        DepInfo { ty, module, local }
    }
    /// The dependency's type, as written in the provider list that provides it.
    #[must_use]
    pub const fn ty(&self) -> &'static str {
        self.ty
    }
    /// The module whose provider is injected.
    #[must_use]
    pub const fn module(&self) -> &'static str {
        self.module
    }
    /// The provider's index in its module when it is local to the module being built.
    #[must_use]
    pub const fn local(&self) -> Option<usize> {
        self.local
    }
}

impl ProviderInfo {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(
        name: &'static str,
        deps: &'static [DepInfo],
        exported: bool,
        kind: Kind,
    ) -> ProviderInfo {
        ProviderInfo {
            name,
            deps,
            exported,
            kind,
        }
    }
    /// The provided type, as written in `providers = [..]`.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }
    /// Its dependencies, in field order.
    #[must_use]
    pub const fn deps(&self) -> &'static [DepInfo] {
        self.deps
    }
    /// Whether the module lists it in `exports = [..]`.
    #[must_use]
    pub const fn exported(&self) -> bool {
        self.exported
    }
    /// How long an instance lives, or whether the app is given it.
    #[must_use]
    pub const fn kind(&self) -> Kind {
        self.kind
    }
}

impl ExportInfo {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(name: &'static str, origin: &'static str) -> ExportInfo {
        ExportInfo { name, origin }
    }
    /// The exported type.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }
    /// The module that provides it (the module itself, or an import it re-exports).
    #[must_use]
    pub const fn origin(&self) -> &'static str {
        self.origin
    }
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
            Kind::Seed => "seed",
            Kind::Config => "config",
            Kind::Global => "global",
        }
    }
}

/// One export of a module.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ExportInfo {
    /// The exported type.
    pub(crate) name: &'static str,
    /// The module that provides it (the module itself, or an import it re-exports).
    pub(crate) origin: &'static str,
}

/// Everything a `#[module]` declares.
#[derive(Debug)]
#[non_exhaustive]
pub struct ModuleInfo {
    /// The module's name.
    pub(crate) name: &'static str,
    /// A key unique to this module definition across the whole build.
    pub(crate) id: &'static str,
    /// Its imports, in declaration order.
    pub(crate) imports: &'static [fn() -> &'static ModuleInfo],
    /// Its providers, in declaration order.
    pub(crate) providers: &'static [ProviderInfo],
    /// Everything it exports, re-exports resolved.
    pub(crate) exports: &'static [ExportInfo],
    /// The singletons `App::build` constructs, in the order it builds them (every one after
    /// its dependencies in this module), each named as it names itself: a binding
    /// `SmtpMailer as dyn Mailer` by its implementation, `SmtpMailer`.
    pub(crate) starts: &'static [&'static str],
    /// Its config, when it declares one.
    pub(crate) config: Option<&'static ConfigSlot>,
}

/// The config a module declares (`#[module(config = DbConfig, name = "db")]`): its name, and,
/// with the `config` feature, its schema and its loader.
#[derive(Debug)]
#[non_exhaustive]
pub struct ConfigSlot {
    /// The config's name: its table in the file, the first part of its variables.
    pub(crate) name: &'static str,
    #[cfg(feature = "config")]
    pub(crate) schema: &'static crate::config::Schema,
    #[cfg(feature = "config")]
    pub(crate) load: crate::config::LoadFn,
}

impl ConfigSlot {
    #[doc(hidden)]
    #[must_use]
    pub const fn of<C: crate::__private::ModuleConfig>(name: &'static str) -> ConfigSlot {
        ConfigSlot {
            name,
            #[cfg(feature = "config")]
            schema: C::SCHEMA,
            #[cfg(feature = "config")]
            load: crate::config::read_any::<C>,
        }
    }
    /// The config's name: its table in the file (`[db]`), the first part of its environment
    /// variables (`DB__URL`).
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }
    /// The config type's schema.
    #[cfg(feature = "config")]
    #[must_use]
    pub const fn schema(&self) -> &'static crate::config::Schema {
        self.schema
    }
}

impl ModuleInfo {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(
        name: &'static str,
        id: &'static str,
        imports: &'static [fn() -> &'static ModuleInfo],
        providers: &'static [ProviderInfo],
        exports: &'static [ExportInfo],
        starts: &'static [&'static str],
    ) -> ModuleInfo {
        ModuleInfo {
            name,
            id,
            imports,
            providers,
            exports,
            starts,
            config: None,
        }
    }
    /// The same info, with the module's config.
    #[doc(hidden)]
    #[must_use]
    pub const fn with_config(mut self, config: &'static ConfigSlot) -> ModuleInfo {
        self.config = Some(config);
        self
    }
    /// The module's config, when it declares one (`#[module(config = ..)]`).
    #[must_use]
    pub const fn config(&self) -> Option<&'static ConfigSlot> {
        self.config
    }
    /// The module's name.
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
    /// # fn main() {
    /// let info = TimeModule::info();
    /// assert_eq!(info.name(), "TimeModule");
    /// assert_eq!(info.providers()[0].name(), "Clock");
    /// assert!(info.providers()[0].exported());
    /// assert_eq!(info.exports()[0].origin(), "TimeModule");
    /// assert_eq!(info.imports().len(), 0);
    /// # }
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }
    /// A key unique to this module definition across the whole build.
    #[must_use]
    pub const fn id(&self) -> &'static str {
        self.id
    }
    /// Its imports, in declaration order.
    #[must_use]
    pub fn imports(&self) -> impl ExactSizeIterator<Item = &'static ModuleInfo> + '_ {
        self.imports.iter().map(|f| f())
    }
    /// Its providers, in declaration order.
    #[must_use]
    pub const fn providers(&self) -> &'static [ProviderInfo] {
        self.providers
    }
    /// Everything it exports, re-exports resolved.
    #[must_use]
    pub const fn exports(&self) -> &'static [ExportInfo] {
        self.exports
    }
    /// The singletons `App::build` constructs, in the order it builds them.
    #[must_use]
    pub const fn starts(&self) -> &'static [&'static str] {
        self.starts
    }
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
    /// let order: Vec<&str> = AppModule::info().build_order().iter().map(|m| m.name()).collect();
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
