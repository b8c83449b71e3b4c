//! Lifetimes, and the rules against captive dependencies.

/// One instance per app.
pub enum Singleton {}
/// A new instance on every resolve.
pub enum Transient {}
/// One instance per request scope.
pub enum Request {}
/// The pseudo-lifetime of `App::get`: outside any request scope.
pub enum FromApp {}

/// `Self` (the lifetime of `T`) may be held by a provider `P` whose lifetime is `S`.
///
/// The leaf traits below take the dependency `T` as `Self`: rustc shows a leaf's message only
/// when its `Self` differs from the failing obligation's (here the provider `P`).
pub trait Holds<S, P: ?Sized, T: ?Sized> {}
// `do_not_recommend` only on the impls that cannot fail: on the others rustc would report
// `Holds` instead of the leaf's message.
#[diagnostic::do_not_recommend]
impl<S, P: ?Sized, T: ?Sized> Holds<S, P, T> for Singleton {}
impl<P: ?Sized, T: ?Sized> Holds<Singleton, P, T> for Transient where T: CaptiveTransient<P> {}
#[diagnostic::do_not_recommend]
impl<P: ?Sized, T: ?Sized> Holds<Transient, P, T> for Transient {}
#[diagnostic::do_not_recommend]
impl<P: ?Sized, T: ?Sized> Holds<Request, P, T> for Transient {}
#[diagnostic::do_not_recommend]
impl<P: ?Sized, T: ?Sized> Holds<FromApp, P, T> for Transient {}
impl<P: ?Sized, T: ?Sized> Holds<Singleton, P, T> for Request where T: CaptiveRequest<P> {}
impl<P: ?Sized, T: ?Sized> Holds<Transient, P, T> for Request where T: TransientOnRequest<P> {}
#[diagnostic::do_not_recommend]
impl<P: ?Sized, T: ?Sized> Holds<Request, P, T> for Request {}
impl<P: ?Sized, T: ?Sized> Holds<FromApp, P, T> for Request where T: RequestOutsideScope<P> {}

/// Never implemented: its only purpose is the message.
#[diagnostic::on_unimplemented(
    message = "singleton `{P}` depends on `{Self}`, which is transient: a captive dependency",
    label = "`{P}` lives as long as the app, so it would keep one `{Self}` forever",
    note = "a transient is made anew on every resolve; a singleton holding one turns it into a second singleton",
    note = "fix: make `{Self}` a singleton (drop `scope = transient`), or make `{P}` transient too (`scope = transient`)"
)]
pub trait CaptiveTransient<P: ?Sized> {}

/// Never implemented: its only purpose is the message.
#[diagnostic::on_unimplemented(
    message = "singleton `{P}` depends on `{Self}`, which is request-scoped: a captive dependency",
    label = "`{P}` lives as long as the app, and `{Self}` only as long as one request scope",
    note = "a singleton is built once, before any request scope exists, so it cannot hold a request's `{Self}`",
    note = "fix: make `{P}` request-scoped too (`scope = request`), or pass `{Self}` to its methods as an argument"
)]
pub trait CaptiveRequest<P: ?Sized> {}

/// Never implemented: its only purpose is the message.
#[diagnostic::on_unimplemented(
    message = "transient `{P}` depends on `{Self}`, which is request-scoped",
    label = "`{P}` can be made outside a request scope, where no `{Self}` exists",
    note = "a transient may depend on singletons and transients",
    note = "fix: make `{P}` request-scoped (`scope = request`): it is then made once per request scope"
)]
pub trait TransientOnRequest<P: ?Sized> {}

/// Never implemented: its only purpose is the message.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is request-scoped, and `App::get` resolves outside any request scope",
    label = "`{Self}` lives in a request scope",
    note = "fix: open a scope and resolve it there: `let scope = app.scope(); scope.get::<{Self}>()`"
)]
pub trait RequestOutsideScope<M: ?Sized> {}
