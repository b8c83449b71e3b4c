//! Global modules (`#[module(global, ..)]`): their exports reach every module of an app that
//! contains them, without an import.
//!
//! A module that uses a type none of its providers and imports gives it resolves it "from the
//! globals": the join makes it a local of the module whose build is [`BuildCtx::global`], and
//! the global module that exports the type is found by the trait system ([`GlobalExport`], one
//! impl per export of a global module, so the exporter is inferred from the type).

use std::sync::Arc;

use crate::build::{BuildCtx, SharedModule, SyncBuildable};
use crate::{BuildError, Module};

/// `Self` is exported by the global module `G`: one impl per export, written by `G`'s
/// `#[module(global, ..)]`. The global module of a type is inferred from it: two global modules
/// exporting one type make the inference ambiguous (and are refused by the module that sees both).
pub trait GlobalExport<G> {
    /// The export, from the built global module.
    fn export_from(g: &G) -> Arc<Self>;
}

/// Module `M` may take `Self` from the global module `G`: `Self` is one of `G`'s exports. What
/// the build of a module that uses a global's export requires; its message is the one of a
/// dependency nobody provides.
#[diagnostic::on_unimplemented(
    message = "module `{M}` cannot provide `{Self}`",
    label = "`{Self}` is not visible inside module `{M}`",
    note = "`{Self}` is neither in `providers = [..]` of `{M}`, nor exported by a module in its `imports = [..]`, nor by a global module (`#[module(global, ..)]`)",
    note = "fix: add the module that provides and exports `{Self}` to `imports = [..]` of `{M}` (a module that provides `{Self}` hands it on only when `{Self}` is in its `exports = [..]`), or add `{Self}` to its `providers = [..]`"
)]
pub trait GlobalFor<M, G> {
    /// See [`GlobalExport::export_from`].
    fn export_from(g: &G) -> Arc<Self>;
}

// `do_not_recommend`: a dependency no global exports is reported with this trait's message
// (the module and the fix), not as a missing `GlobalExport` impl.
#[diagnostic::do_not_recommend]
impl<T: ?Sized + GlobalExport<G>, M, G> GlobalFor<M, G> for T {
    #[inline]
    fn export_from(g: &G) -> Arc<T> {
        <T as GlobalExport<G>>::export_from(g)
    }
}

/// A global module's build has no `async fn` provider and no hook.
#[diagnostic::on_unimplemented(
    message = "global module `{Self}` has an `async fn` provider or a lifecycle hook",
    label = "a global module is built synchronously, by the first module that takes one of its exports",
    note = "fix: make the providers of `{Self}` synchronous (no `async fn`, no hooks), or drop `global` and import `{Self}` where its exports are used"
)]
pub trait SyncGlobal {}
// `do_not_recommend`: the message is this trait's, not `SyncBuildable`'s (which speaks of
// `build_sync()`, while the app may be built with `build().await`).
#[diagnostic::do_not_recommend]
impl<G: Module> SyncGlobal for G where G::FirstAsync: SyncBuildable {}

/// Written once by every global module on itself (`const _: fn() = sync_global::<G>;`): a global
/// module is built synchronously by the first module that takes one of its exports, so an
/// `async fn` provider or a hook in it is one error, at the global module, rather than one at
/// each provider that takes its exports ([`BuildCtx::global`] can then build any global module
/// synchronously: one whose check failed does not compile).
#[doc(hidden)]
#[inline]
pub const fn sync_global<G: SyncGlobal>() {}

/// The `K`-th entry of a provider's dependency list (`(Arc<A>, (Arc<B>, ()))`), as seen by
/// module `M` (the module's own type in the trait reference lets rustc normalize the projection
/// when it checks the module's impls for overlap, as for `ExportAt`).
pub trait ArgAt<K, M> {
    /// The dependency's type.
    type Ty: ?Sized;
}
impl<T: ?Sized, R, M> ArgAt<crate::module::Z, M> for (Arc<T>, R) {
    type Ty = T;
}
impl<H, R: ArgAt<N, M>, N, M> ArgAt<crate::module::S<N>, M> for (H, R) {
    type Ty = R::Ty;
}

impl BuildCtx {
    /// The export `T` of the global module `G` (inferred from `T`), for module `M`: `G` is
    /// built once per app, as an import.
    ///
    /// # Errors
    /// The first provider of `G` that failed, its path starting at `G`.
    #[inline]
    pub fn global<M, T, G>(&mut self) -> Result<Arc<T>, BuildError>
    where
        T: ?Sized + GlobalFor<M, G>,
        G: Module + SharedModule,
    {
        let g = self.import_sync::<G>(G::__build_sync)?;
        Ok(<T as GlobalFor<M, G>>::export_from(&g))
    }

    /// The `K`-th dependency of singleton `P` of module `M`, taken from the global module that
    /// exports it: the dependency's type is inferred from `P`'s argument list, so the module
    /// never names it (it is written where `P` is, maybe out of the module's scope).
    ///
    /// # Errors
    /// The first provider of the global module that failed, its path starting there.
    #[inline]
    #[allow(clippy::type_complexity, reason = "the dependency's type, inferred")]
    pub fn global_at<M, P, K, A, G>(&mut self) -> Result<Arc<<A as ArgAt<K, M>>::Ty>, BuildError>
    where
        P: crate::provider::New<A>,
        A: ArgAt<K, M>,
        <A as ArgAt<K, M>>::Ty: GlobalFor<M, G>,
        G: Module + SharedModule,
    {
        self.global::<M, <A as ArgAt<K, M>>::Ty, G>()
    }

    /// [`BuildCtx::global_at`] for a singleton `P` made by an `async fn`.
    ///
    /// # Errors
    /// The first provider of the global module that failed, its path starting there.
    #[inline]
    #[allow(clippy::type_complexity, reason = "the dependency's type, inferred")]
    pub fn global_at_async<M, P, K, A, G>(
        &mut self,
    ) -> Result<Arc<<A as ArgAt<K, M>>::Ty>, BuildError>
    where
        P: crate::provider::NewAsync<A>,
        A: ArgAt<K, M>,
        <A as ArgAt<K, M>>::Ty: GlobalFor<M, G>,
        G: Module + SharedModule,
    {
        self.global::<M, <A as ArgAt<K, M>>::Ty, G>()
    }
}

/// The `K`-th global module of the graph below a module (the module included), as the importer
/// `I` names it: how an app names global modules it does not import itself.
pub trait GlobalAt<K, I> {
    /// The global module.
    type Ty;
}

/// The global module `G` is in the graph of the app whose root is `Self`: written by the join
/// on every module whose graph holds a global module, one impl per global module.
#[diagnostic::on_unimplemented(
    message = "a module of this app uses an export of the global module `{G}`, which the app does not contain",
    label = "no module of the app of `{Self}` imports `{G}`",
    note = "a global module's exports reach the modules of an app that contains it: some module of the app imports it once",
    note = "fix: add `{G}` to `imports = [..]` of `{Self}`"
)]
pub trait ContainsGlobal<G> {}

/// `Self`, an export of the global module `G`, is available in the app whose root is `A`: one
/// impl per export of a global module, written by it, requiring `A: ContainsGlobal<G>`. A type
/// no global module exports has none: the module depending on it reports that, and the app's
/// check says so in one line.
#[diagnostic::on_unimplemented(
    message = "no module provides `{Self}` to the module of this app that depends on it",
    label = "a module of this app depends on `{Self}`, which it neither provides nor imports, and no global module exports it",
    note = "the error at that module's `#[module(..)]` says how to fix it"
)]
pub trait GlobalIn<A, G> {}

/// Every export of a global module that the graph below a module takes without an import is
/// available in the app whose root is `A` (`I` are the inferred global modules and positions).
/// Implemented on a generated type per module whose graph takes one; checked by the root's
/// `Values` impl.
pub trait GlobalList<A, I> {}

/// The module's graph takes exports of global modules it does not import: `List` says which.
pub trait NeedsGlobals {
    /// The generated list type (see [`GlobalList`]).
    type List;
}
