//! What a module can hand out ([`Resolve`]), what a provider or the app may take from it
//! ([`Inject`]), and the access kinds that explain why not.

use std::marker::PhantomData;
use std::sync::Arc;

use crate::Module;
use crate::info::DepInfo;
use crate::lifetimes::Holds;
use crate::scope::Cells;

/// `Self` (a module) can hand out a `T`: one impl per type visible inside the module, written by
/// `#[module]`. `Access` says whether the module may really use it ([`Visible`]) or whether the
/// impl only exists to explain why not ([`NotExported`], [`OnlyThrough`]). `Life` is
/// [`Singleton`](crate::lifetimes::Singleton), [`Transient`](crate::lifetimes::Transient) or
/// [`Request`](crate::lifetimes::Request).
#[diagnostic::on_unimplemented(
    message = "module `{Self}` cannot provide `{T}`",
    label = "`{T}` is not visible inside module `{Self}`",
    note = "`{T}` is neither in `providers = [..]` of `{Self}` nor exported by a module in its `imports = [..]`",
    note = "fix: add the module that provides and exports `{T}` to `imports = [..]` of `{Self}` (a module that provides `{T}` hands it on only when `{T}` is in its `exports = [..]`), or add `{T}` to its `providers = [..]`"
)]
pub trait Resolve<T: ?Sized>: Module {
    /// [`Visible`] for a real dependency; a hint type when the type is only known to be out of reach.
    type Access;
    /// How long an instance of `T` lives.
    type Life;
    /// What the dependency graph and the cycle check know about this edge.
    ///
    /// The defaults below serve the hint impls, which exist only to fail with a message: a
    /// module writes what its real impls need and nothing more, which keeps the amount of code
    /// the compiler checks per module small.
    const DEP: DepInfo = DepInfo {
        ty: "?",
        module: "?",
        local: None,
    };
    /// Fetches a singleton `T` while the module is being built.
    #[inline]
    fn build_get(b: &Self::Builder) -> Arc<T> {
        let _ = b;
        unreachable_hint()
    }
    /// Fetches a singleton, or makes a transient, from the built module.
    #[inline]
    fn get(&self) -> Arc<T> {
        unreachable_hint()
    }
    /// Fetches `T` inside a request scope (any lifetime); singletons and transients as [`get`].
    ///
    /// [`get`]: Resolve::get
    #[inline]
    fn get_in(&self, cells: &Cells) -> Arc<T> {
        let _ = cells;
        self.get()
    }
}

/// A dependency the module may use: it resolves, its access is [`Visible`], and an instance of
/// `T` may be held by a provider `P` of lifetime `S` (no captive dependency).
#[diagnostic::on_unimplemented(
    message = "module `{Self}` cannot provide `{T}`",
    label = "`{T}` is not visible inside module `{Self}`",
    note = "`{T}` is neither in `providers = [..]` of `{Self}` nor exported by a module in its `imports = [..]`",
    note = "fix: add the module that provides and exports `{T}` to `imports = [..]` of `{Self}` (a module that provides `{T}` hands it on only when `{T}` is in its `exports = [..]`), or add `{T}` to its `providers = [..]`"
)]
pub trait Inject<T: ?Sized, S, P: ?Sized>: Module {
    /// See [`Resolve::DEP`].
    const DEP: DepInfo;
    /// See [`Resolve::build_get`].
    fn build_get(b: &Self::Builder) -> Arc<T>;
    /// See [`Resolve::get`].
    fn get(&self) -> Arc<T>;
    /// See [`Resolve::get_in`].
    fn get_in(&self, cells: &Cells) -> Arc<T>;
}

// No `#[diagnostic::do_not_recommend]` here, nor on the `Allowed` impls of the hint kinds: rustc
// would stop at this impl and print the generic message instead of the leaf's (`ExportsTo`,
// `ImportedBy`, `CaptiveRequest`, ...), which names the module to change.
impl<M, T: ?Sized, S, P: ?Sized> Inject<T, S, P> for M
where
    M: Resolve<T>,
    <M as Resolve<T>>::Access: Allowed<M, T>,
    <M as Resolve<T>>::Life: Holds<S, P, T>,
{
    const DEP: DepInfo = <M as Resolve<T>>::DEP;
    #[inline]
    fn build_get(b: &Self::Builder) -> Arc<T> {
        <M as Resolve<T>>::build_get(b)
    }
    #[inline]
    fn get(&self) -> Arc<T> {
        <M as Resolve<T>>::get(self)
    }
    #[inline]
    fn get_in(&self, cells: &Cells) -> Arc<T> {
        <M as Resolve<T>>::get_in(self, cells)
    }
}

/// Holds when module `M` may use `T` reached through the access kind `Self`.
pub trait Allowed<M, T: ?Sized> {}

/// The access kind of everything a module really sees: its providers and its imports' exports.
pub enum Visible {}
#[diagnostic::do_not_recommend]
impl<M, T: ?Sized> Allowed<M, T> for Visible {}

/// The access kind of a provider of the imported module `B` that `B` keeps private.
pub struct NotExported<B>(PhantomData<B>);
impl<M, T: ?Sized, B> Allowed<M, T> for NotExported<B> where B: ExportsTo<T, M> {}

/// Never implemented: its only purpose is the message.
#[diagnostic::on_unimplemented(
    message = "`{T}` is provided by module `{Self}`, which does not export it, so module `{M}` cannot use it",
    label = "`{T}` is private to `{Self}`",
    note = "a module's providers are private unless listed in its `exports = [..]`",
    note = "fix: add `{T}` to `exports = [..]` of `{Self}`"
)]
pub trait ExportsTo<T: ?Sized, M> {}

/// The access kind of a type exported by `Owner`, a module that the importer `Via` imports but the
/// current module does not.
pub struct OnlyThrough<Owner, Via>(PhantomData<(Owner, Via)>);
impl<M, T: ?Sized, O, V> Allowed<M, T> for OnlyThrough<O, V> where O: ImportedBy<M, T, V> {}

/// Never implemented: its only purpose is the message.
#[diagnostic::on_unimplemented(
    message = "`{T}` is exported by module `{Self}`, which module `{M}` does not import",
    label = "`{M}` reaches `{Self}` only through `{Via}`",
    note = "imports are not transitive: a module sees only what its own imports export",
    note = "fix: add `{Self}` to `imports = [..]` of `{M}`"
)]
pub trait ImportedBy<M, T: ?Sized, Via> {}

/// The body of the `get` methods of hint impls, which the type system never lets anyone call:
/// their `Access` is never [`Allowed`]; also of the paths a lifetime rules out (a request-scoped
/// provider fetched outside a scope, a transient fetched by a singleton).
#[cold]
pub fn unreachable_hint() -> ! {
    unreachable!("modkit: a dependency rejected at compile time was resolved")
}

/// The singleton a module's builder holds in `slot`, cloned: what `Resolve::build_get` of a
/// local singleton returns (the build order puts every provider after its dependencies, so the
/// slot is filled).
#[inline]
#[must_use]
pub fn got<T: ?Sized>(slot: &Option<Arc<T>>) -> Arc<T> {
    match slot {
        Some(v) => Arc::clone(v),
        None => unreachable_hint(),
    }
}

/// The singleton a module's builder holds in `slot`, moved into the built module.
#[inline]
#[must_use]
pub fn take<T: ?Sized>(slot: Option<Arc<T>>) -> Arc<T> {
    match slot {
        Some(v) => v,
        None => unreachable_hint(),
    }
}
