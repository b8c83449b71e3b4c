//! The built application, its builder and its request scopes.

use std::any::TypeId;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use tracing::Instrument as _;

use crate::__private::{self, BuildCtx};
use crate::build::{Started, Supplied};
use crate::error::{BuildError, HookError, ShutdownError};
use crate::scope::{OpensScope, Scope, ScopeBuilder};
use crate::{Graph, Module, Provides};

/// A built application: the root module `M` and, once each, every module it imports.
///
/// Build it with [`App::build`] (async, the usual case in a tokio service), [`App::build_sync`]
/// (graphs without async providers or hooks), or [`App::builder`] when modules declare
/// `values = [..]` the caller supplies. Share it across threads and tasks behind an `Arc`: it is
/// `Send + Sync`, and its request scopes ([`App::scope`]) hold a clone of that `Arc`. Resolve
/// singletons and transients with [`App::get`], request-scoped providers in a [`Scope`]. Call
/// [`App::shutdown`] to run the shutdown hooks, in reverse start order.
///
/// ```
/// use modkit::{injectable, module, App};
///
/// #[injectable]
/// pub struct Greeter;
///
/// impl Greeter {
///     pub fn greet(&self, who: &str) -> String { format!("hello, {who}") }
/// }
///
/// #[module(providers = [Greeter])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = App::<AppModule>::build_sync().expect("nothing here can fail");
/// assert_eq!(app.get::<Greeter>().greet("modkit"), "hello, modkit");
/// # }
/// ```
pub struct App<M: Module> {
    /// Held inline, not in an `Arc`: resolving from the app is one field read away from the
    /// provider, as in hand-written wiring. It keeps alive every module it imports, which keep
    /// theirs.
    root: M,
    /// The number of request-scope cells a scope of this app holds.
    pub(crate) cells: usize,
    /// The providers with a shutdown hook, in start order; `None` when there are none. Boxed:
    /// with no interior mutability in its own bytes, `&App` is a read-only reference to the
    /// compiler, which then keeps a resolved field in a register (as for hand-written wiring)
    /// instead of reading it again after the reference count changes.
    shutdown: Option<Box<Mutex<Vec<Started>>>>,
}

impl<M: Module> App<M> {
    /// Builds every module reachable from `M`, each once, imports first; in each module every
    /// singleton, each once, dependencies first, running each `init` hook right after its
    /// provider is built.
    ///
    /// # Errors
    /// The first provider or `init` hook that fails. Everything started before it is shut down
    /// in reverse order first; failing shutdown hooks are listed in the error.
    ///
    /// A module graph that declares `values = [..]` does not compile here: use
    /// [`App::builder`].
    pub fn build<I>() -> Building<M>
    where
        M::Wiring: __private::Values<(), I>,
    {
        Self::builder().build()
    }

    /// [`App::build`] without an async runtime, for graphs with no `async fn` provider and no
    /// lifecycle hook (anything else does not compile).
    ///
    /// # Errors
    /// As [`App::build`].
    pub fn build_sync<I>() -> Result<Self, BuildError>
    where
        M::Wiring: __private::Values<(), I>,
        M::FirstAsync: __private::SyncBuildable,
    {
        Self::builder().build_sync()
    }

    /// A builder, to supply the values the modules declare in `values = [..]`.
    #[must_use]
    pub fn builder() -> AppBuilder<M, ()> {
        AppBuilder {
            values: Vec::new(),
            #[cfg(feature = "config")]
            config: crate::config::Sources::new(),
            #[cfg(feature = "testing")]
            replaced: Vec::new(),
            _list: PhantomData,
        }
    }

    /// The template of the app's configuration: every setting of every module's config, its
    /// type, default and environment variable (without an app prefix; see
    /// [`AppBuilder::config_template`]).
    #[cfg(feature = "config")]
    #[must_use]
    pub fn config_template() -> crate::config::Template {
        crate::config::template(M::info(), None)
    }

    /// `T` as the root module sees it (one of its own providers, or an export of one of its
    /// imports): the singleton, or a new transient. Anything else is a compile error, and so is
    /// a request-scoped `T` (resolve it in a [`Scope`]). Generic code names the requirement
    /// [`Provides<T>`](Provides).
    ///
    /// For a singleton this is a field read and an `Arc` clone: no map, no type-id lookup, no
    /// lock.
    #[inline]
    #[must_use]
    pub fn get<T: ?Sized>(&self) -> Arc<T>
    where
        M: Provides<T>,
    {
        self.root.__provide()
    }

    /// Opens a request scope: request-scoped providers resolved in it are made once, when
    /// first resolved, and dropped with the scope's last clone. The scope holds a clone of this
    /// `Arc`, so it owns what it needs (`'static`, `Send + Sync`, storable in a request).
    ///
    /// No allocation: the scope holds its first 4 cells (one per request-scoped provider of the
    /// app) inline; an app with more adds one allocation for the others. The scope's first
    /// clone moves its cells into one allocation the clones share. See [`Scope`].
    ///
    /// The app is shared with its scopes, so this takes `&Arc<App<M>>`: build the app, then
    /// `Arc::new(app)`. The app itself holds its root inline, not in an `Arc`, which keeps
    /// [`App::get`] of a singleton one field read away.
    ///
    /// A graph that declares seeds (`seeds = [..]`) opens its scopes with
    /// [`App::scope_builder`]: here it does not compile.
    #[inline]
    #[must_use]
    pub fn scope<I>(self: &Arc<Self>) -> Scope<M>
    where
        M: OpensScope<(), I>,
    {
        Scope::open(self, crate::scope::Seeds::default())
    }

    /// A builder for a scope seeded with values of the unit of work
    /// (`app.scope_builder().with(RequestId(7)).open()`); see [`ScopeBuilder`].
    #[must_use]
    pub fn scope_builder(self: &Arc<Self>) -> ScopeBuilder<M> {
        ScopeBuilder::new(self)
    }

    /// Runs every shutdown hook, in the exact reverse of the order providers started. A failing
    /// hook does not stop the others. Runs the hooks once: later calls do nothing.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use modkit::{injectable, module, App};
    ///
    /// #[injectable(init = open, shutdown = close)]
    /// pub struct Db;
    /// impl Db {
    ///     async fn open(&self) -> Result<(), String> { Ok(()) }
    ///     async fn close(&self) -> Result<(), String> { Err("flush failed".into()) }
    /// }
    ///
    /// #[injectable(shutdown = stop)]
    /// pub struct Server { db: Arc<Db> }
    /// impl Server {
    ///     async fn stop(&self) -> Result<(), String> { Ok(()) }
    /// }
    ///
    /// #[module(providers = [Server, Db])]
    /// pub struct AppModule;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = App::<AppModule>::build().await.unwrap();
    /// assert_eq!(app.start_order(), [("AppModule", "Db"), ("AppModule", "Server")]);
    /// // `Server` stops first, then `Db`, whose hook fails: the error says which.
    /// let err = app.shutdown().await.unwrap_err();
    /// assert_eq!(err.to_string(), "1 shutdown hook(s) failed: [AppModule > Db: flush failed]");
    /// assert!(app.shutdown().await.is_ok()); // the hooks ran once
    /// # }
    /// ```
    ///
    /// # Errors
    /// Every hook that failed.
    pub async fn shutdown(&self) -> Result<(), ShutdownError> {
        let Some(hooks) = &self.shutdown else {
            return Ok(());
        };
        let started = match hooks.lock() {
            Ok(mut g) => std::mem::take(&mut *g),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        };
        let errors = run_shutdown(started).await;
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ShutdownError::new(errors))
        }
    }

    /// The root module.
    #[must_use]
    pub fn root(&self) -> &M {
        &self.root
    }

    /// The names of the modules in the order they were built (imports before importers, the
    /// root last). Derived from the static graph: the build order is fixed at compile time.
    #[must_use]
    pub fn build_order(&self) -> Vec<&'static str> {
        M::info().build_order().iter().map(|m| m.name).collect()
    }

    /// `(module, provider)` for every singleton the app built, in the order they were built and
    /// their `init` hooks ran (values supplied by the caller are not built, so not listed).
    /// Shutdown runs in the reverse of this order. Derived from the static graph: the start
    /// order is fixed at compile time.
    #[must_use]
    pub fn start_order(&self) -> Vec<(&'static str, &'static str)> {
        M::info()
            .build_order()
            .iter()
            .flat_map(|m| m.starts.iter().map(|&p| (m.name, p)))
            .collect()
    }

    /// The static module graph reachable from `M`.
    #[must_use]
    pub fn graph(&self) -> Graph {
        Graph::of::<M>()
    }
}

impl<M: Module> std::fmt::Debug for App<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("root", &M::info().name)
            .field("modules", &self.build_order())
            .finish_non_exhaustive()
    }
}

/// Supplies the values modules declare in `values = [..]`, then builds the [`App`].
///
/// Each [`value`](AppBuilder::value) call adds its type to `L`; `build` does not compile unless
/// every declared value is in it, and the error names the missing one.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App};
///
/// pub struct Config { pub url: String }
///
/// #[injectable]
/// pub struct Client { config: Arc<Config> }
///
/// #[module(values = [Config], providers = [Client])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = App::<AppModule>::builder()
///     .value(Config { url: "postgres://localhost".into() })
///     .build_sync()
///     .unwrap();
/// assert_eq!(app.get::<Client>().config.url, "postgres://localhost");
/// # }
/// ```
pub struct AppBuilder<M: Module, L> {
    values: Supplied,
    #[cfg(feature = "config")]
    config: crate::config::Sources,
    #[cfg(feature = "testing")]
    replaced: crate::testing::Replacements,
    _list: PhantomData<fn() -> (M, L)>,
}

impl<M: Module, L> AppBuilder<M, L> {
    /// Supplies the value of type `V`. Every module that declares `V` in `values = [..]` gets
    /// this one instance. Supply each type once: a second `value` of the same type makes the
    /// build call fail to compile (rustc's "type annotations needed", E0283).
    #[must_use]
    pub fn value<V: Send + Sync + 'static>(mut self, value: V) -> AppBuilder<M, (V, L)> {
        let id = TypeId::of::<V>();
        self.values.retain(|(t, _)| *t != id);
        self.values.push((id, Arc::new(value)));
        AppBuilder {
            values: self.values,
            #[cfg(feature = "config")]
            config: self.config,
            #[cfg(feature = "testing")]
            replaced: self.replaced,
            _list: PhantomData,
        }
    }

    /// See [`App::build`].
    ///
    /// # Errors
    /// See [`App::build`].
    pub fn build<I>(self) -> Building<M>
    where
        M::Wiring: __private::Values<L, I>,
    {
        let span = tracing::info_span!("modkit.build", root = M::info().name);
        let ctx = self.context();
        Building(Box::pin(async move {
            build_app::<M>(ctx?).instrument(span).await
        }))
    }

    /// See [`App::build_sync`].
    ///
    /// # Errors
    /// See [`App::build`].
    pub fn build_sync<I>(self) -> Result<App<M>, BuildError>
    where
        M::Wiring: __private::Values<L, I>,
        M::FirstAsync: __private::SyncBuildable,
    {
        let span = tracing::info_span!("modkit.build", root = M::info().name);
        let _guard = span.enter();
        let mut ctx = self.context()?;
        let built = M::__build_sync(&mut ctx);
        // A synchronous graph has no hook: nothing started has a shutdown to run.
        finish(&mut ctx, built).map_err(|(e, _started)| e)
    }

    /// The build's state: the values, and every module's config, loaded before any provider is
    /// built (a failure lists every config error of the app).
    fn context(self) -> Result<BuildCtx, BuildError> {
        let ctx = BuildCtx::new(
            self.values,
            #[cfg(feature = "testing")]
            self.replaced,
        );
        #[cfg(feature = "config")]
        let ctx = match crate::config::load_app(M::info(), &self.config) {
            Ok(configs) => ctx.with_configs(configs),
            Err(errors) => return Err(BuildError::config(M::info().name, errors)),
        };
        Ok(ctx)
    }
}

/// Test replacements (the `testing` feature, for tests only).
#[cfg(feature = "testing")]
impl<M: Module, L> AppBuilder<M, L> {
    /// Builds the app with `T`, as module `X` builds it, replaced by `with`: for a test.
    ///
    /// `X` is the module whose `#[module]` lists `T` (in `providers`, `values` or `config`),
    /// anywhere in the app's graph, private providers included; `T` is the provider's type, or
    /// the trait object of a binding `Impl as dyn Trait` (then `with` is any implementation);
    /// like every provider, it is `Send + Sync + 'static` (`Shareable`).
    /// `T`'s constructor and its hooks do not run; every provider that depends on it, in every
    /// module, gets `with`; everything else is built as in production. Keep a clone of `with`
    /// to look at what the app did with it.
    ///
    /// Checked at compile time: `X` must build a `T` once per app (a singleton, a value or a
    /// config; not a transient or request-scoped provider), else the call does not compile and
    /// the error names `X` and `T`. Checked by the build: `X` must be part of the app (the
    /// root imports it, directly or not), else the build fails with [`Stage::Replace`](crate::Stage::Replace) and
    /// nothing of the app is kept. Naming the module makes the replacement exact: a type two
    /// modules build privately is replaced only in `X`.
    ///
    /// Available with modkit's `testing` feature, which a crate enables for its tests only:
    /// `[dev-dependencies] modkit = { version = "..", features = ["testing"] }` (with Cargo's
    /// resolver 2 or later, the default since edition 2021, `cargo build` then leaves it off).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use modkit::{injectable, module, App};
    ///
    /// pub trait PaymentGateway: Send + Sync {
    ///     fn charge(&self, cents: u64) -> Result<(), String>;
    /// }
    ///
    /// #[injectable]
    /// pub struct StripeGateway;
    /// impl PaymentGateway for StripeGateway {
    ///     fn charge(&self, _cents: u64) -> Result<(), String> { Err("no network in tests".into()) }
    /// }
    ///
    /// #[injectable]
    /// pub struct Checkout { gateway: Arc<dyn PaymentGateway> }
    ///
    /// #[module(providers = [StripeGateway as dyn PaymentGateway, Checkout], exports = [Checkout])]
    /// pub struct PaymentModule;
    ///
    /// #[module(imports = [PaymentModule])]
    /// pub struct AppModule;
    ///
    /// #[derive(Default)]
    /// struct FakeGateway { charged: Mutex<Vec<u64>> }
    /// impl PaymentGateway for FakeGateway {
    ///     fn charge(&self, cents: u64) -> Result<(), String> {
    ///         self.charged.lock().unwrap().push(cents);
    ///         Ok(())
    ///     }
    /// }
    ///
    /// # fn main() {
    /// let fake = Arc::new(FakeGateway::default());
    /// let app = App::<AppModule>::builder()
    ///     .replace_for_test::<PaymentModule, dyn PaymentGateway>(fake.clone())
    ///     .build_sync()
    ///     .unwrap();
    /// app.get::<Checkout>().gateway.charge(1299).unwrap();
    /// assert_eq!(*fake.charged.lock().unwrap(), [1299]);
    /// # }
    /// ```
    #[must_use]
    pub fn replace_for_test<X: 'static, T: ?Sized + crate::__private::Shareable + 'static>(
        mut self,
        with: impl crate::testing::ReplaceWith<T, X, M>,
    ) -> Self {
        crate::testing::add::<X, T, M, _>(&mut self.replaced, with);
        self
    }
}

/// The sources of the modules' configs (the `config` feature), lowest to highest: serde's
/// defaults, [`config_file`](AppBuilder::config_file), environment variables,
/// [`set`](AppBuilder::set). See [`crate::config`].
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App};
///
/// #[derive(serde::Deserialize, modkit::Config)]
/// pub struct DbConfig {
///     pub url: String,
///     #[serde(default)]
///     pub pool_size: u32,
/// }
///
/// #[injectable]
/// pub struct Db { config: Arc<DbConfig> }
///
/// // Config name `db`: the struct's name without `Module`, in snake case.
/// #[module(config = DbConfig, providers = [Db], exports = [Db])]
/// pub struct DbModule;
///
/// #[module(imports = [DbModule])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = App::<AppModule>::builder()
///     .env_prefix("SHOP")
///     .env_vars([("SHOP_DB__URL", "postgres://env"), ("SHOP_DB__POOL_SIZE", "4")])
///     .set::<DbModule>("pool_size", 8)
///     .build_sync()
///     .unwrap();
/// let db = app.get::<Db>();
/// assert_eq!((db.config.url.as_str(), db.config.pool_size), ("postgres://env", 8));
///
/// let err = App::<AppModule>::builder().env_vars(Vec::<(String, String)>::new()).build_sync().unwrap_err();
/// assert_eq!(err.stage(), modkit::Stage::Config);
/// assert_eq!(
///     err.to_string(),
///     "AppModule: 1 config error:\n  - DbModule: `db.url`: the value is missing, and `DbConfig` has \
///      no default for it; set `url` in the `[db]` table of a config file, the environment variable \
///      `DB__URL`, or `.set::<DbModule>(\"url\", ..)`"
/// );
/// # }
/// ```
#[cfg(feature = "config")]
impl<M: Module, L> AppBuilder<M, L> {
    /// Reads the modules' configs from this TOML file: each from the table of its name
    /// (`[db]`). A missing or malformed file, or a key a config does not have, fails the build
    /// with a config error.
    #[must_use]
    pub fn config_file(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.config = self.config.file(path);
        self
    }

    /// Reads environment variables under this app prefix (`SHOP_DB__URL`); a variable under
    /// the prefix that no config has (a typo) fails the build with a config error.
    #[must_use]
    pub fn env_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.config = self.config.env_prefix(prefix);
        self
    }

    /// Reads these variables instead of the process environment.
    #[must_use]
    pub fn env_vars<K: Into<String>, V: Into<String>>(
        mut self,
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.config = self.config.env_vars(vars);
        self
    }

    /// Sets `key` (`url`, or nested `pool.max_size`) of module `C`'s config, above every other
    /// source. A module without a config does not compile here; a key its config does not
    /// have, or a value of the wrong type, fails the build with a config error.
    #[must_use]
    pub fn set<C: crate::config::ConfigModule>(
        mut self,
        key: impl Into<String>,
        value: impl serde::Serialize,
    ) -> Self {
        self.config = self.config.set(C::CONFIG_NAME, key, value);
        self
    }

    /// The template of the app's configuration, environment variables under the prefix set.
    #[must_use]
    pub fn config_template(&self) -> crate::config::Template {
        crate::config::template(M::info(), self.config.prefix())
    }
}

/// The future of [`App::build`] and [`AppBuilder::build`]: awaited, the built app.
///
/// A type of its own rather than an `async fn`'s future: the bounds `build` checks (the values,
/// the global modules) are then reported once, at the call, and not again where the future is
/// awaited.
///
/// ```
/// use modkit::{App, Building, injectable, module};
///
/// #[injectable]
/// pub struct Clock;
///
/// #[module(providers = [Clock])]
/// pub struct AppModule;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let building: Building<AppModule> = App::<AppModule>::build();
/// let app = building.await.unwrap();
/// let _clock = app.get::<Clock>();
/// # }
/// ```
#[must_use = "the app is built when the future is awaited"]
pub struct Building<M: Module>(crate::build::BoxFuture<'static, Result<App<M>, BuildError>>);

impl<M: Module> Future for Building<M> {
    type Output = Result<App<M>, BuildError>;

    #[inline]
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        self.0.as_mut().poll(cx)
    }
}

impl<M: Module> std::fmt::Debug for Building<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Building")
            .field("root", &M::info().name)
            .finish_non_exhaustive()
    }
}

async fn build_app<M: Module>(mut ctx: BuildCtx) -> Result<App<M>, BuildError> {
    let built = M::__build(&mut ctx).await;
    // The app is not held across the `.await` below: the future stays `Send` whatever `M` is.
    let (e, started) = match finish(&mut ctx, built) {
        Ok(app) => return Ok(app),
        Err(failed) => failed,
    };
    Err(e.with_shutdown(run_shutdown(started).await))
}

/// The app, or the build error with the shutdown hooks of what started before it (to run, in
/// reverse).
fn finish<M: Module>(
    ctx: &mut BuildCtx,
    built: Result<M, BuildError>,
) -> Result<App<M>, (BuildError, Vec<Started>)> {
    let (started, cells) = ctx.take_parts();
    #[cfg(feature = "testing")]
    if built.is_ok()
        && let Some(unused) = ctx.unused_replacement(M::info().name)
    {
        return Err((unused, started));
    }
    match built {
        Ok(root) => Ok(App {
            root,
            cells,
            shutdown: (!started.is_empty()).then(|| Box::new(Mutex::new(started))),
        }),
        Err(e) => {
            let e = e.within(M::info().name);
            tracing::warn!(error = %e, "modkit: build failed; shutting down what started");
            Err((e, started))
        }
    }
}

async fn run_shutdown(started: Vec<Started>) -> Vec<HookError> {
    let mut errors = Vec::new();
    for s in started.into_iter().rev() {
        let Some(fut) = (s.shutdown)() else { continue };
        let span = tracing::info_span!("modkit.shutdown", module = s.module, provider = s.provider);
        if let Err(error) = fut.instrument(span).await {
            errors.push(HookError {
                module: s.module,
                provider: s.provider,
                error,
            });
        }
    }
    errors
}
