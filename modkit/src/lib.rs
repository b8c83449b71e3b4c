//! # modkit: compile-time dependency injection with modules
//!
//! modkit wires an application out of **modules**. A module lists the modules it `imports`, the
//! `providers` it builds, and what it `exports`. A module's providers are private: a provider may
//! depend only on providers of its own module and on what its imports export. The two macros check
//! every one of those rules while your crate compiles, and generate plain wiring code: resolving a
//! built singleton is a field read and an `Arc` clone, as in hand-written code.
//!
//! - [`#[injectable]`](macro@injectable) on a struct: its `Arc<T>` fields are its dependencies.
//! - [`#[provider]`](macro@provider) on a function: a factory, also `async` and fallible.
//! - [`#[module]`](macro@module) on a struct: `imports`, `providers`, `values`, `exports`,
//!   `contribute` (collections many modules fill: [`All`], [`Keyed`]).
//! - [`App`]: builds a root module and everything it imports, each module once, runs the
//!   lifecycle hooks, resolves singletons and transients; [`Scope`]: a request scope, owned and
//!   shareable, seeded with values of the unit of work through [`ScopeBuilder`].
//! - [`Provides`], [`ProvidesInScope`]: "module `M` can provide `T`", for bounds in generic code.
//! - [`Graph`]: the static graph as Mermaid or DOT text.
//! - Feature `testing` (for tests: a dev-dependency feature): `AppBuilder::replace_for_test`
//!   builds the real app with some providers replaced, checked at compile time.
//!
//! ```
//! use std::sync::Arc;
//! use modkit::{injectable, module, App};
//!
//! #[injectable]
//! pub struct Logger;
//!
//! #[module(providers = [Logger], exports = [Logger])]
//! pub struct LoggerModule;
//!
//! #[injectable]
//! pub struct UserRepo { log: Arc<Logger> }
//!
//! #[injectable]
//! pub struct UserService { repo: Arc<UserRepo>, log: Arc<Logger> }
//!
//! #[module(imports = [LoggerModule], providers = [UserRepo, UserService], exports = [UserService])]
//! pub struct UserModule;
//!
//! #[module(imports = [UserModule, LoggerModule])]
//! pub struct AppModule;
//!
//! # fn main() {
//! let app = App::<AppModule>::build_sync().unwrap();
//! let users = app.get::<UserService>();
//! // one Logger for the whole app, however many paths import LoggerModule
//! assert!(Arc::ptr_eq(&users.log, &app.get::<Logger>()));
//! assert!(Arc::ptr_eq(&users.repo.log, &users.log));
//! # }
//! ```
//!
//! Asking the app for `UserRepo`, which `UserModule` keeps private, does not compile:
//!
//! ```compile_fail
//! # use std::sync::Arc;
//! # use modkit::{injectable, module, App};
//! # #[injectable] pub struct UserRepo;
//! # #[module(providers = [UserRepo])] pub struct UserModule;
//! # #[module(imports = [UserModule])] pub struct AppModule;
//! # fn main() {
//! let app = App::<AppModule>::build_sync().unwrap();
//! let repo = app.get::<UserRepo>(); // error: `UserRepo` is provided by module `UserModule`, which does not export it
//! # }
//! ```
//!
//! The rules, what each macro checks, and where each error comes from are in the reference of
//! [`macro@module`] and [`macro@injectable`].

#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod __private;
mod app;
mod build;
mod collect;
#[cfg(feature = "config")]
pub mod config;
mod error;
mod global;
mod graph;
pub mod info;
mod lifetimes;
mod module;
mod order;
mod provider;
mod provides;
mod resolve;
mod scope;
mod testing;
mod values;

pub use app::{App, AppBuilder, Building};
pub use collect::{All, Keyed};
#[cfg(feature = "config")]
pub use config::Config;
pub use error::{BoxError, BuildError, HookError, ShutdownError, Stage};
pub use graph::Graph;
/// Makes a struct a provider: a type a [`#[module]`](macro@module) can build and inject.
///
/// Each field is one of:
/// - `Arc<T>`: a dependency. `T` must be visible in every module that lists the struct in its
///   `providers`: one of that module's own providers, or an export of one of its imports.
/// - `#[inject(default)] field: F`: not injected, built with `F::default()`.
///
/// Unit, tuple and named structs work. Generic structs work (`Repo<E>` listed as
/// `providers = [Repo<User>, Repo<Order>]`), with their bounds and where clauses; lifetime
/// parameters do not (a provider lives as long as the app).
///
/// Arguments, all optional:
/// - `scope = singleton` (the default: one per [`App`], built by `App::build`),
///   `scope = transient` (a new instance on every resolve; may depend on singletons and
///   transients) or `scope = request` (one per [`Scope`], made when first resolved in it; may
///   depend on anything);
/// - `init = method`, `shutdown = method`: lifecycle hooks of a singleton, each an
///   `async fn(&self) -> Result<(), E>` (`E` converts into [`BoxError`]). `init` runs right after
///   the provider is built (its dependencies have run theirs), `shutdown` in [`App::shutdown`], in
///   reverse order. A path (`init = Self::start`, `init = other::start`) works too;
/// - `crate = path`: the `modkit` crate when it is renamed.
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::AtomicU64;
/// use modkit::{injectable, module, App};
///
/// #[injectable]
/// pub struct Clock;
///
/// #[injectable]
/// pub struct Metrics {
///     clock: Arc<Clock>,
///     #[inject(default)]
///     hits: AtomicU64,
/// }
///
/// #[module(providers = [Clock, Metrics])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = App::<AppModule>::build_sync().unwrap();
/// assert!(Arc::ptr_eq(&app.get::<Metrics>().clock, &app.get::<Clock>()));
/// # }
/// ```
///
/// # Errors at compile time
/// - on an enum or a union, or a struct with a lifetime parameter;
/// - a field that is neither `Arc<T>` nor `#[inject(default)]`;
/// - an unknown argument or field option (the message lists the valid ones), an unknown scope;
/// - a hook on a transient or request-scoped provider; a hook that is not an `async fn`
///   returning `Result<(), E>`;
/// - a struct that is not `Send + Sync` (the app is shared across threads);
/// - a dependency the module building it cannot see, or a captive dependency (a singleton
///   holding a transient or request-scoped provider, a transient holding a request-scoped one):
///   reported at that module's `providers` entry, see [`macro@module`].
///
/// # What it generates
/// The struct unchanged (minus `#[inject]`), an impl of a hidden `Provider` trait (name and
/// hooks), an impl of a hidden `Construct<M>` (or `Make<M>`, `MakeIn<M>` for the other scopes)
/// for every module `M` that can see all its dependencies, and a hidden companion `macro_rules!`
/// under the struct's own name, through which `#[module]` learns the struct's identity (see
/// `ARCHITECTURE.md`).
#[doc(inline)]
pub use modkit_macros::injectable;
pub use provides::{Provides, ProvidesInScope};
pub use scope::{OpensScope, Scope, ScopeBuilder};

/// Makes a unit struct a module: `#[module(imports = [..], providers = [..], exports = [..])]`.
///
/// - `imports`: modules whose exports this module may use. Imports are not transitive.
/// - `providers`: what this module builds. They are private to the module unless exported. Each
///   entry is one of:
///   - an [`#[injectable]`](macro@injectable) struct or a [`#[provider]`](macro@provider)
///     function;
///   - `Impl as dyn Trait`, a *binding*: builds `Impl`, visible only as `dyn Trait`
///     (`Arc<dyn Trait>`; the trait must be `Send + Sync`);
///   - `dyn Trait = Impl`, an *alias*: the module's provider `Impl`, also visible as
///     `dyn Trait`: the same instance.
/// - `values`: types the caller hands in when building (`App::builder().value(..)`); a value is a
///   singleton like any other. Every module declaring the same type gets the one instance.
/// - `seeds`: values of the unit of work (an HTTP request's parts, a job id) that each request
///   [`Scope`] is opened with (`app.scope_builder().with(RequestId(7)).open()`). A seed is
///   request-scoped: the module's request-scoped providers may depend on it (`Arc<RequestId>`),
///   singletons and transients may not (a captive dependency), and `app.get` cannot hand it out.
///   Opening a scope without every seed the app's modules declare does not compile (the message
///   names the seed and its module); `app.scope()` opens only apps that declare none. Generic
///   code that opens scopes names the requirement [`OpensScope`].
/// - `exports`: what importers of this module see: its own providers (factories by function
///   name, bindings and aliases by `dyn Trait`), values and seeds, types one of its imports
///   exports (a re-export), or a whole imported module (re-exports everything it exports).
///   `All<T>` or `Keyed<T>` exports the module's view of that collection (see `contribute`).
/// - `global`: the module's exported singletons reach every module of an app that contains it,
///   without an import (see the example below).
/// - `resolve = [T from Import]`: where two imports export `T` from two providers, the module
///   takes `Import`'s.
/// - `contribute`: providers built into collections many modules fill: `Impl as dyn Trait`
///   (into [`All<dyn Trait>`](All)), `"key" => Impl as dyn Trait` (into
///   [`Keyed<dyn Trait>`](Keyed)) or `Impl` (into `All<Impl>`). A module sees its own
///   contributions and those its imports export; the order is the imports' (in `imports` order),
///   then its own. Contributions are singletons, built once each.
/// - `collect`: collections the module may use when nothing contributes to them
///   (`collect = [All<dyn Trait>]`): an empty collection is allowed only where declared.
/// - `crate = path`: where the `modkit` crate is, when renamed.
///
/// Rules:
/// - a provider may depend on the module's own providers and on its imports' exports;
/// - a provider of the module takes precedence over an imported export of the same type
///   (*local wins*);
/// - two imports exporting the same type from two different providers is an error (a
///   *collision*); the same provider reached along two paths is not (a *diamond*: one instance);
/// - imports form a tree without cycles, and so do the providers of a module.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App};
///
/// #[injectable]
/// pub struct Logger;
///
/// #[module(providers = [Logger], exports = [Logger])]
/// pub struct LoggerModule;
///
/// // Re-exports everything LoggerModule exports.
/// #[module(imports = [LoggerModule], exports = [LoggerModule])]
/// pub struct CoreModule;
///
/// #[injectable]
/// pub struct Job { log: Arc<Logger> }
///
/// #[module(imports = [CoreModule], providers = [Job])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = App::<AppModule>::build_sync().unwrap();
/// assert!(Arc::ptr_eq(&app.get::<Job>().log, &app.get::<Logger>()));
/// # }
/// ```
///
/// A global module: `UserModule` takes `Clock` without importing `ClockModule`; the app must
/// contain `ClockModule` (some module of it imports it), or `App::build` does not compile. A
/// module's own providers beat its imports, which beat the globals.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App};
///
/// #[injectable]
/// pub struct Clock;
///
/// #[module(global, providers = [Clock], exports = [Clock])]
/// pub struct ClockModule;
///
/// #[injectable]
/// pub struct Users { clock: Arc<Clock> }
///
/// #[module(providers = [Users], exports = [Users])]
/// pub struct UserModule;
///
/// #[module(imports = [ClockModule, UserModule])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = App::<AppModule>::build_sync().unwrap();
/// assert!(Arc::ptr_eq(&app.get::<Users>().clock, &app.get::<Clock>()));
/// # }
/// ```
///
/// Seeds: a request-scoped provider that depends on the request it serves.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App};
///
/// pub struct RequestId(pub u64);
///
/// #[injectable]
/// pub struct Db;
///
/// #[injectable(scope = request)]
/// pub struct Handler { id: Arc<RequestId>, db: Arc<Db> }
///
/// #[module(seeds = [RequestId], providers = [Db, Handler], exports = [Handler])]
/// pub struct HttpModule;
///
/// #[module(imports = [HttpModule])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = Arc::new(App::<AppModule>::build_sync().unwrap());
/// let scope = app.scope_builder().with(RequestId(7)).open(); // `app.scope()` does not compile
/// assert_eq!(scope.get::<Handler>().id.0, 7);
/// # }
/// ```
///
/// # Errors at compile time
/// Each names the module, the type and the fix, and points at the entry it is about:
/// - a provider depends on a type the module neither provides nor imports from a module that
///   exports it; when the type is known to an import but kept private, or exported by a module
///   the module reaches only through another import, the message names that module and says
///   which `exports` or `imports` to add;
/// - `exports` names something the module neither provides nor imports, or a module it does
///   not import;
/// - the same provider, import or export listed twice (also under two spellings of its path);
/// - two imports export the same type from two different providers (fix: drop an import, or
///   provide the type locally, which takes precedence);
/// - a dependency cycle among a module's providers, reported once with its path `A -> B -> A`;
/// - a module importing itself, or an import cycle (`A -> B -> A`);
/// - a captive dependency: a singleton holding a transient or request-scoped provider, or a
///   transient holding a request-scoped one (the message names both and says why);
/// - [`App::get`] of a type the root module cannot see, or of a request-scoped type;
/// - building without a value some module declares (`values = [..]`; the message names it);
/// - opening a request scope without a seed some module declares (`seeds = [..]`; the message
///   names it and the module), or with `app.scope()` when any module declares one; a seed that
///   is not `Send + Sync`;
/// - `build_sync()` of a graph with an `async fn` provider or a lifecycle hook;
/// - a binding to a type that is not a trait object, or whose type does not implement the
///   trait; an alias whose target is not one of the module's providers; exporting the concrete
///   type of a binding;
/// - a key contributed twice to a [`Keyed`] collection a module sees (naming both
///   contributors), a transient or request-scoped contribution, a provider depending on a
///   collection its module sees nothing in and did not declare in `collect`;
/// - malformed arguments: unknown or repeated keys (the message lists the valid ones), a value
///   that is not a bracketed list, an entry that is not a path, a module with fields or generic
///   parameters, `#[module]` on an enum.
///
/// # What it generates
/// The struct (with hidden fields: the module's built singletons, the imported ones it uses, its
/// imports), a builder, an async build function that builds the singletons in dependency order,
/// one `Resolve<T>` impl per type visible in the module, `ExportAt` and `ValueAt` impls for its
/// importers, a `const` cycle check, a static [`info::ModuleInfo`], and a hidden companion
/// `macro_rules!` under the module's name that hands its exports to its importers. See
/// `ARCHITECTURE.md`.
#[doc(inline)]
pub use modkit_macros::module;

/// Makes a function a provider (a factory): its parameters are its dependencies, its return
/// value is what it provides.
///
/// - Each parameter is `name: Arc<T>`, a dependency checked like an injectable's field.
/// - It returns `T`, or `Result<T, E>` (any path ending in `Result`, so `anyhow::Result<T>`
///   works) where `E` converts into [`BoxError`]: an `Err` fails [`App::build`] with a
///   [`BuildError`] naming the provider's path.
/// - It may be an `async fn`: the graph is then built with `App::build().await`.
/// - List it, and export it, by the function's name: `providers = [make_pool]`,
///   `exports = [make_pool]`; it provides its return type (`app.get::<Pool>()`).
/// - Arguments as [`macro@injectable`]: `scope`, `init`, `shutdown` (hooks are paths to
///   functions taking `&T`: `shutdown = Pool::close`), `crate`.
///
/// # Errors at compile time
/// - on something other than a function; a function without a return type, with generic
///   parameters, with `self`, `unsafe` or `extern`;
/// - a parameter that is not `Arc<T>` (the message suggests the `Arc`);
/// - an `async` or fallible function with `scope = transient` or `scope = request` (those are
///   made on resolve, by a plain call);
/// - an error type that does not convert into [`BoxError`] (the message names the type and the
///   fix);
/// - the errors of [`macro@injectable`] for arguments, hooks and dependencies.
///
/// # What it generates
/// The function unchanged, a hidden marker struct of the same name in the type namespace (what
/// `providers = [..]` names), its `Provider` and `Construct`/`ConstructAsync`/`Make`/`MakeIn`
/// impls, and a companion `macro_rules!` under the function's name.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{module, provider, App};
///
/// pub struct DbConfig { pub url: String }
/// pub struct Pool { pub url: String }
///
/// #[provider]
/// pub fn make_pool(config: Arc<DbConfig>) -> Pool {
///     Pool { url: config.url.clone() }
/// }
///
/// #[module(values = [DbConfig], providers = [make_pool])]
/// pub struct DbModule;
///
/// # fn main() {
/// let app = App::<DbModule>::builder()
///     .value(DbConfig { url: "postgres://db".into() })
///     .build_sync()
///     .unwrap();
/// assert_eq!(app.get::<Pool>().url, "postgres://db");
/// # }
/// ```
#[doc(inline)]
pub use modkit_macros::provider;

/// A module: a struct annotated with [`#[module]`](macro@module). Implemented by the macro only.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a module",
    label = "a module is expected here",
    note = "a module is a struct with `#[module(..)]`; providers are listed in a module's `providers`",
    note = "fix: name the module (`App::<AppModule>`, `.replace_for_test::<DbModule, Db>(..)`)"
)]
pub trait Module: Sized + 'static {
    /// The module's generated wiring: where its build and its static description come from,
    /// and what the app's values are checked against (see [`App::builder`]).
    #[doc(hidden)]
    type Wiring: ?Sized;
    /// The module while its providers are being built (generated).
    #[doc(hidden)]
    type Builder;
    /// What makes the module graph need the async build (generated).
    #[doc(hidden)]
    type FirstAsync: ?Sized;
    /// The module's static description (generated).
    #[doc(hidden)]
    const __INFO: &'static info::ModuleInfo;
    /// The module's static description: imports, providers, exports, dependency edges.
    #[inline]
    #[must_use]
    fn info() -> &'static info::ModuleInfo {
        Self::__INFO
    }
    /// Builds the module: its imports first (each once per [`App`]), then its providers.
    ///
    /// A module with no `async fn` provider and no hook anywhere in its graph writes only
    /// [`Module::__build_sync`]; this default wraps it.
    #[doc(hidden)]
    fn __build(
        ctx: &mut __private::BuildCtx,
    ) -> __private::BoxFuture<'_, Result<Self, BuildError>> {
        Box::pin(async move { Self::__build_sync(ctx) })
    }
    /// Builds the module without a future (generated for synchronous graphs only).
    #[doc(hidden)]
    fn __build_sync(ctx: &mut __private::BuildCtx) -> Result<Self, BuildError> {
        let _ = ctx;
        __private::unreachable_hint()
    }
}
