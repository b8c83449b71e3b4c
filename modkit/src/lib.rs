//! # modkit: compile-time dependency injection with modules
//!
//! modkit wires an application out of **modules**. A module lists the modules it `imports`, the
//! `providers` it builds, and what it `exports`. A module's providers are private: a provider may
//! depend only on providers of its own module and on what its imports export. The two macros check
//! every one of those rules while your crate compiles, and generate plain wiring code: resolving a
//! built singleton is a field read and an `Arc` clone, as in hand-written code.
//!
//! - [`#[injectable]`](macro@injectable) on a struct: its `Arc<T>` fields are its dependencies.
//! - [`#[module]`](macro@module) on a struct: `imports`, `providers`, `exports`.
//! - [`App`]: builds a root module and everything it imports, each module once.
//! - [`Graph`]: the static graph as Mermaid or DOT text.
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
//! let app = App::<AppModule>::build();
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
//! let app = App::<AppModule>::build();
//! let repo = app.get::<UserRepo>(); // error: `UserRepo` is provided by module `UserModule`, which does not export it
//! # }
//! ```
//!
//! The rules, what each macro checks, and where each error comes from are in the reference of
//! [`macro@module`] and [`macro@injectable`].

#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod __private;
mod graph;
pub mod info;

use std::sync::Arc;

pub use graph::Graph;
pub use modkit_macros::{injectable, module};

/// A module: a struct annotated with [`#[module]`](macro@module). Implemented by the macro only.
pub trait Module: Sized + 'static {
    /// The module while its providers are being built (generated).
    #[doc(hidden)]
    type Builder;
    /// The module's static description: imports, providers, exports, dependency edges.
    fn info() -> &'static info::ModuleInfo;
    /// Builds the module: its imports first (each once per [`App`]), then its providers.
    #[doc(hidden)]
    fn __build(ctx: &mut __private::BuildCtx) -> Arc<Self>;
}

/// A built application: the root module `M` and, once each, every module it imports.
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
/// let app = App::<AppModule>::build();
/// assert_eq!(app.get::<Greeter>().greet("modkit"), "hello, modkit");
/// # }
/// ```
pub struct App<M: Module> {
    root: Arc<M>,
    order: Vec<&'static str>,
}

impl<M: Module> App<M> {
    /// Builds every module reachable from `M`, each once, dependencies first, and every
    /// provider of each, each once, dependencies first.
    #[must_use]
    pub fn build() -> Self {
        let mut ctx = __private::BuildCtx::default();
        let root = ctx.import::<M>(M::__build);
        App { root, order: ctx.into_order() }
    }

    /// The singleton `T` as the root module sees it: one of its own providers, or an export of
    /// one of its imports. Anything else is a compile error.
    ///
    /// This is a field read and an `Arc` clone: no map, no type-id lookup, no lock.
    #[inline]
    #[must_use]
    pub fn get<T>(&self) -> Arc<T>
    where
        M: __private::Inject<T>,
    {
        <M as __private::Inject<T>>::get(&self.root)
    }

    /// The root module.
    #[must_use]
    pub fn root(&self) -> &M {
        &self.root
    }

    /// The names of the modules in the order they were built (imports before importers).
    #[must_use]
    pub fn build_order(&self) -> &[&'static str] {
        &self.order
    }

    /// The static module graph reachable from `M`.
    #[must_use]
    pub fn graph(&self) -> Graph {
        Graph::of::<M>()
    }
}

impl<M: Module> std::fmt::Debug for App<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("root", &M::info().name).field("modules", &self.order).finish()
    }
}
