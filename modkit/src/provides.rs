//! The public names of "module `M` can hand out a `T`", for bounds in generic code and
//! integrations: [`Provides`] (from the app) and [`ProvidesInScope`] (in a request scope).

use std::sync::Arc;

use crate::Module;
use crate::lifetimes::{FromApp, Request};
use crate::module::Unwired;
use crate::resolve::unreachable_hint;
use crate::scope::Cells;

pub(crate) use sealed::Sealed;

mod sealed {
    /// Implemented for every module, by modkit only: [`Provides`](super::Provides) and
    /// [`ProvidesInScope`](super::ProvidesInScope) cannot be implemented elsewhere.
    #[allow(
        unreachable_pub,
        reason = "the sealed-trait pattern: public so it can bound a public trait, in a private module so nobody can name it"
    )]
    pub trait Sealed {}
    impl<M: crate::Module> Sealed for M {}
}

/// The module `Self`, as the root of an [`App`](crate::App), can provide a `T`: one of its
/// providers or values, or an export of one of its imports, that is a singleton or a transient.
/// What [`App::get`](crate::App::get) requires; name it in the bounds of generic code that
/// resolves from any app able to provide a `T`.
///
/// Implemented by modkit for every [`Module`] for which it holds (the same checks as a provider's
/// dependency: visible in the module, not request-scoped); sealed: it cannot be implemented
/// elsewhere. A request-scoped `T` is [`ProvidesInScope`] instead.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App, Provides};
///
/// #[injectable]
/// pub struct Clock;
/// impl Clock { pub fn now(&self) -> u64 { 42 } }
///
/// /// Works with the app of any root module that can provide a `Clock`.
/// fn stamp<M: Provides<Clock>>(app: &App<M>) -> u64 {
///     app.get::<Clock>().now()
/// }
///
/// #[module(providers = [Clock], exports = [Clock])]
/// pub struct ClockModule;
///
/// #[module(imports = [ClockModule])]
/// pub struct AppModule;
///
/// # fn main() {
/// assert_eq!(stamp(&App::<ClockModule>::build_sync().unwrap()), 42);
/// assert_eq!(stamp(&App::<AppModule>::build_sync().unwrap()), 42);
/// # }
/// ```
#[diagnostic::on_unimplemented(
    message = "module `{Self}` cannot provide `{T}`",
    label = "`{T}` is not visible inside module `{Self}`",
    note = "`{T}` is neither in `providers = [..]` of `{Self}` nor exported by a module in its `imports = [..]`",
    note = "fix: add the module that provides and exports `{T}` to `imports = [..]` of `{Self}` (a module that provides `{T}` hands it on only when `{T}` is in its `exports = [..]`), or add `{T}` to its `providers = [..]`"
)]
pub trait Provides<T: ?Sized>: Module + sealed::Sealed {
    /// Resolves `T` from the built module (the root of the app).
    #[doc(hidden)]
    fn __provide(&self) -> Arc<T>;
}

// No `#[diagnostic::do_not_recommend]`: rustc would then stop here and print the generic
// message instead of the leaf's (`RequestOutsideScope`: "`T` is request-scoped ..."). The price:
// generic code missing the bound gets `Hands`' message, which names the bound to add.
impl<M: Module, T: ?Sized> Provides<T> for M
where
    M::Wiring: Hands<M, T, FromApp>,
{
    #[inline]
    fn __provide(&self) -> Arc<T> {
        <M::Wiring as Hands<M, T, FromApp>>::get(self)
    }
}

/// How a module whose wiring is `Self` hands out a `T` from lifetime `S`. The join writes it on
/// each module's wiring type, through the module's `Resolve` impls; for [`Unwired`] (a module
/// whose chain stopped, whose error was reported there) it hands out nothing and `app.get` on it
/// stays quiet. Decided by the wiring type alone: a resolve considers one impl.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "generic code resolves `{T}` from a module it knows only as `M: Module`",
    label = "which types `M` provides is known only for a concrete module",
    note = "fix: bound the module: `M: modkit::Provides<{T}>` for `app.get`, `M: modkit::ProvidesInScope<{T}>` for `scope.get`"
)]
pub trait Hands<M, T: ?Sized, S> {
    /// The instance outside a request scope.
    fn get(m: &M) -> Arc<T>;
    /// The instance inside a request scope.
    fn get_in(m: &M, cells: &Cells) -> Arc<T>;
}

impl<M, T: ?Sized, S> Hands<M, T, S> for Unwired {
    fn get(m: &M) -> Arc<T> {
        let _ = m;
        unreachable_hint()
    }
    fn get_in(m: &M, cells: &Cells) -> Arc<T> {
        let _ = (m, cells);
        unreachable_hint()
    }
}

/// The module `Self`, as the root of an [`App`](crate::App), can provide a `T` in a request
/// [`Scope`](crate::Scope): everything it [`Provides`], and its request-scoped providers (and
/// those its imports export). What [`Scope::get`](crate::Scope::get) requires.
///
/// Implemented by modkit for every [`Module`] for which it holds; sealed.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App, ProvidesInScope, Scope};
///
/// #[injectable(scope = request)]
/// pub struct Session;
///
/// /// A handler for any app whose scopes can provide a `Session`.
/// fn handle<M: ProvidesInScope<Session>>(scope: &Scope<M>) -> Arc<Session> {
///     scope.get::<Session>()
/// }
///
/// #[module(providers = [Session])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = Arc::new(App::<AppModule>::build_sync().unwrap());
/// let scope = app.scope();
/// assert!(Arc::ptr_eq(&handle(&scope), &scope.get::<Session>()));
/// # }
/// ```
#[diagnostic::on_unimplemented(
    message = "module `{Self}` cannot provide `{T}`",
    label = "`{T}` is not visible inside module `{Self}`",
    note = "`{T}` is neither in `providers = [..]` of `{Self}` nor exported by a module in its `imports = [..]`",
    note = "fix: add the module that provides and exports `{T}` to `imports = [..]` of `{Self}` (a module that provides `{T}` hands it on only when `{T}` is in its `exports = [..]`), or add `{T}` to its `providers = [..]`"
)]
pub trait ProvidesInScope<T: ?Sized>: Module + sealed::Sealed {
    /// Resolves `T` from the built module (the root of the app) in a request scope's cells.
    #[doc(hidden)]
    fn __provide_in(&self, cells: &Cells) -> Arc<T>;
}

impl<M: Module, T: ?Sized> ProvidesInScope<T> for M
where
    M::Wiring: Hands<M, T, Request>,
{
    #[inline]
    fn __provide_in(&self, cells: &Cells) -> Arc<T> {
        <M::Wiring as Hands<M, T, Request>>::get_in(self, cells)
    }
}
