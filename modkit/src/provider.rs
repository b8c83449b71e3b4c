//! What `#[injectable]` and `#[provider]` implement: how a provider is built, made and hooked.

use std::future::Future;
use std::sync::Arc;

use crate::build::BoxFuture;
use crate::info::DepInfo;
use crate::lifetimes::{Request, Singleton, Transient};
use crate::resolve::Inject;
use crate::scope::Cells;
use crate::{BoxError, Module};

/// Written by `#[injectable]` and `#[provider]` on the listed type (the struct, or the marker
/// type of a factory function): what it provides and its lifecycle hooks.
pub trait Provider: 'static {
    /// The provided type. It must be `Send + Sync`: checked once, at the provider
    /// ([`Provider::SHAREABLE`]), so that its module's impls stay quiet.
    type Output: 'static;
    /// The provider's name in messages and in the graph.
    const NAME: &'static str;
    /// Where the macros check that `Output` is `Send + Sync` ([`shareable`]), once per provider.
    const SHAREABLE: ();
    /// Whether it has a shutdown hook.
    const HAS_SHUTDOWN: bool = false;
    /// The init hook, if any.
    #[inline]
    fn init(v: &Arc<Self::Output>) -> Option<BoxFuture<'_, Result<(), BoxError>>> {
        let _ = v;
        None
    }
    /// The shutdown hook, if any.
    #[inline]
    fn shutdown(v: Arc<Self::Output>) -> Option<BoxFuture<'static, Result<(), BoxError>>> {
        drop(v);
        None
    }
}

/// A singleton made from its dependencies, handed over as arguments: `A` is the list
/// `(Arc<X>, (Arc<Y>, ()))` of its fields (or parameters), in order. (A trait parameter, not an
/// associated type: a public provider may depend on a private type.)
///
/// A module whose dependencies the macro matched calls it in a straight line with the instances
/// it built or imported; the others go through [`Construct`].
pub trait New<A>: Provider {
    /// Builds the value.
    ///
    /// # Errors
    /// What a fallible factory returned.
    fn new(args: A) -> Result<Self::Output, BoxError>;
}

/// A singleton made by an `async fn` from its dependencies (see [`New`]).
pub trait NewAsync<A>: Provider {
    /// Builds the value.
    fn new(args: A) -> impl Future<Output = Result<Self::Output, BoxError>> + Send;
}

/// A singleton built inside module `M`, its dependencies fetched from the module's builder:
/// the path of modules whose edges the compiler works out (the others call [`New`] directly).
/// Implemented for every [`New`] provider whose dependencies `M` can inject ([`Fetch`]).
pub trait Construct<M: Module, A>: Provider {
    /// The dependency edges, in order (read into an array with [`dep_array`]).
    const DEPS: &'static DepList;
    /// Builds the value from the module under construction.
    ///
    /// # Errors
    /// What a fallible factory returned.
    fn construct(b: &M::Builder) -> Result<Self::Output, BoxError>;
}

impl<M: Module, A, P: New<A>> Construct<M, A> for P
where
    A: Fetch<M, P::Output>,
{
    const DEPS: &'static DepList = <A as Fetch<M, P::Output>>::DEPS;
    #[inline]
    fn construct(b: &M::Builder) -> Result<P::Output, BoxError> {
        P::new(<A as Fetch<M, P::Output>>::fetch(b))
    }
}

/// A singleton built by an `async fn` inside module `M` (see [`Construct`]).
pub trait ConstructAsync<M: Module, A>: Provider {
    /// The dependency edges, in order (see [`Construct::DEPS`]).
    const DEPS: &'static DepList;
    /// Builds the value from the module under construction.
    fn construct(b: &M::Builder) -> impl Future<Output = Result<Self::Output, BoxError>> + Send;
}

impl<M: Module, A, P: NewAsync<A>> ConstructAsync<M, A> for P
where
    A: Fetch<M, P::Output>,
{
    const DEPS: &'static DepList = <A as Fetch<M, P::Output>>::DEPS;
    #[inline]
    fn construct(b: &M::Builder) -> impl Future<Output = Result<P::Output, BoxError>> + Send {
        P::new(<A as Fetch<M, P::Output>>::fetch(b))
    }
}

/// A singleton's dependency list (the `A` of [`New`]), fetched from the builder of module `M` for
/// the provider of `P`: each entry is a singleton `M` may inject.
pub trait Fetch<M: Module, P: ?Sized> {
    /// Each entry's edge, as `M` resolves it.
    const DEPS: &'static DepList;
    /// The list.
    fn fetch(b: &M::Builder) -> Self;
}

impl<M: Module, P: ?Sized> Fetch<M, P> for () {
    const DEPS: &'static DepList = &DepList(None);
    #[inline]
    fn fetch(b: &M::Builder) -> Self {
        let _ = b;
    }
}

impl<M, P: ?Sized, T: ?Sized, R> Fetch<M, P> for (Arc<T>, R)
where
    M: Inject<T, Singleton, P>,
    R: Fetch<M, P>,
{
    const DEPS: &'static DepList = &DepList(Some((<M as Inject<T, Singleton, P>>::DEP, R::DEPS)));
    #[inline]
    fn fetch(b: &M::Builder) -> Self {
        (<M as Inject<T, Singleton, P>>::build_get(b), R::fetch(b))
    }
}

/// A list of dependency edges, built by [`Fetch`] in `const` context.
#[derive(Debug)]
pub struct DepList(pub Option<(DepInfo, &'static DepList)>);

/// The first `N` edges of `list` (the join knows how many a provider has).
///
/// # Panics
/// When `list` is shorter (a provider's payload and its argument list disagree: a macro bug).
#[must_use]
pub const fn dep_array<const N: usize>(mut list: &'static DepList) -> [DepInfo; N] {
    let mut out = [DepInfo {
        ty: "?",
        module: "?",
        local: None,
    }; N];
    let mut i = 0;
    while i < N {
        let Some((dep, rest)) = list.0 else {
            panic!("modkit: a dependency list is shorter than its provider's payload");
        };
        out[i] = dep;
        list = rest;
        i += 1;
    }
    out
}

/// A transient or request-scoped provider made from its dependencies, handed over as
/// arguments (the list `A`, as for [`New`]); it cannot fail.
pub trait Assemble<A>: Provider {
    /// Makes the value.
    fn assemble(args: A) -> Self::Output;
}

/// A transient, made from the built module `M`: every [`Assemble`] provider whose
/// dependencies `M` can hand to a transient ([`FetchMade`]).
pub trait Make<M: Module, A>: Provider {
    /// The dependency edges, in order (see [`Construct::DEPS`]).
    const DEPS: &'static DepList;
    /// Makes a new value.
    fn make(m: &M) -> Self::Output;
}

impl<M: Module, A, P: Assemble<A>> Make<M, A> for P
where
    A: FetchMade<M, P::Output, Transient>,
{
    const DEPS: &'static DepList = <A as FetchMade<M, P::Output, Transient>>::DEPS;
    #[inline]
    fn make(m: &M) -> P::Output {
        P::assemble(<A as FetchMade<M, P::Output, Transient>>::fetch(m, None))
    }
}

/// A request-scoped provider, made inside a request scope of the built module `M`: every
/// [`Assemble`] provider whose dependencies `M` can hand to a request-scoped provider.
pub trait MakeIn<M: Module, A>: Provider {
    /// The dependency edges, in order (see [`Construct::DEPS`]).
    const DEPS: &'static DepList;
    /// Makes the scope's value.
    fn make_in(m: &M, cells: &Cells) -> Self::Output;
}

impl<M: Module, A, P: Assemble<A>> MakeIn<M, A> for P
where
    A: FetchMade<M, P::Output, Request>,
{
    const DEPS: &'static DepList = <A as FetchMade<M, P::Output, Request>>::DEPS;
    #[inline]
    fn make_in(m: &M, cells: &Cells) -> P::Output {
        P::assemble(<A as FetchMade<M, P::Output, Request>>::fetch(
            m,
            Some(cells),
        ))
    }
}

/// A transient's or request-scoped provider's dependency list (the `A` of [`Assemble`]), fetched
/// from the built module `M` (inside a scope's `cells` for a request-scoped one) for the
/// provider of `P`, of lifetime `S`.
pub trait FetchMade<M: Module, P: ?Sized, S> {
    /// Each entry's edge, as `M` resolves it.
    const DEPS: &'static DepList;
    /// The list.
    fn fetch(m: &M, cells: Option<&Cells>) -> Self;
}

impl<M: Module, P: ?Sized, S> FetchMade<M, P, S> for () {
    const DEPS: &'static DepList = &DepList(None);
    #[inline]
    fn fetch(m: &M, cells: Option<&Cells>) -> Self {
        let _ = (m, cells);
    }
}

impl<M, P: ?Sized, S, T: ?Sized, R> FetchMade<M, P, S> for (Arc<T>, R)
where
    M: Inject<T, S, P>,
    R: FetchMade<M, P, S>,
{
    const DEPS: &'static DepList = &DepList(Some((<M as Inject<T, S, P>>::DEP, R::DEPS)));
    #[inline]
    fn fetch(m: &M, cells: Option<&Cells>) -> Self {
        let dep = match cells {
            Some(c) => <M as Inject<T, S, P>>::get_in(m, c),
            None => <M as Inject<T, S, P>>::get(m),
        };
        (dep, R::fetch(m, cells))
    }
}

/// Turns what a fallible factory returns into the build's error type.
#[diagnostic::on_unimplemented(
    message = "a `#[provider]` function returns `Result<_, {Self}>`, and `{Self}` cannot become a build error",
    label = "modkit reports provider errors as `Box<dyn std::error::Error + Send + Sync>`",
    note = "fix: return an error type that implements `std::error::Error + Send + Sync + 'static` (or `String`, or `anyhow::Error`)"
)]
pub trait IntoBoxError {
    /// The conversion.
    fn into_box_error(self) -> BoxError;
}
#[diagnostic::do_not_recommend]
impl<E: Into<BoxError>> IntoBoxError for E {
    fn into_box_error(self) -> BoxError {
        self.into()
    }
}

/// What a lifecycle hook returns: a sendable future of `Result<(), E>`.
#[diagnostic::on_unimplemented(
    message = "a lifecycle hook returns `{Self}`, and modkit awaits a hook: `async fn(&self) -> Result<(), E>`",
    label = "not an async hook returning `Result<(), E>`",
    note = "fix: declare the hook `async fn name(&self) -> Result<(), E>`, where `E` converts into `Box<dyn std::error::Error + Send + Sync>`"
)]
pub trait Hook: Future<Output = Result<(), Self::Error>> + Send {
    /// The hook's error type.
    type Error: IntoBoxError;
}
// No `do_not_recommend`: rustc's "the trait `Future` is not implemented for `R`" says what is
// wrong with the hook better than "`Hook` is not implemented" would.
impl<F, E: IntoBoxError> Hook for F
where
    F: Future<Output = Result<(), E>> + Send,
{
    type Error = E;
}

/// Awaits a hook and boxes its error.
///
/// # Errors
/// What the hook returned.
pub async fn hook_future<H: Hook>(hook: H) -> Result<(), BoxError> {
    hook.await.map_err(IntoBoxError::into_box_error)
}

/// A provider's type must be shareable across threads: the app is `Send + Sync`.
#[diagnostic::on_unimplemented(
    message = "provider `{Self}` is not `Send + Sync`, and every provider of an app must be",
    label = "the built app is shared across threads and tokio tasks",
    note = "fix: use thread-safe parts (`Arc` instead of `Rc`, `Mutex` or atomics instead of `RefCell`/`Cell`)"
)]
pub trait Shareable: Send + Sync {}
#[diagnostic::do_not_recommend]
impl<T: ?Sized + Send + Sync> Shareable for T {}

/// Compile-time check that `T` is [`Shareable`].
pub const fn shareable<T: ?Sized + Shareable>() {}
