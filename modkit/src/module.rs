//! The generated shape of a module: its parts, and the numbered views its importers and hints
//! name (exports, providers, types seen through imports).

use std::marker::PhantomData;
use std::sync::Arc;

use crate::build::{BoxFuture, BuildCtx, NoAsync};
use crate::info::ModuleInfo;
use crate::resolve::unreachable_hint;
use crate::scope::Cells;
use crate::{BuildError, Module};

/// The generated wiring of module `M`: what the end of its chain writes, on a struct of its
/// own (`__modkit_Wiring_M`). `#[module]` writes `M`'s struct and its `Module` impl at once,
/// naming that struct; where the chain never completes (a name it lists has no companion), the
/// name falls back to [`Unwired`] (a glob import the join's struct shadows), so the one error
/// rustc gives for the missing name is the only one: `M`, `App::<M>` and `app.get` stay quiet.
// Implemented for every module (by the join, or `Unwired`): unproven only in generic code that
// knows its module as `M: Module`, which is what the message says (the bound `OpensScope`
// requires it).
#[diagnostic::on_unimplemented(
    message = "generic code opens a request scope of a module it knows only as `{M}: Module`",
    label = "which seeds the scopes of `{M}` need is known only for a concrete module",
    note = "fix: bound the module: `{M}: modkit::OpensScope<(), I>` for `app.scope()`, `{M}: modkit::OpensScope<(Seed, ()), I>` for `app.scope_builder().with(seed).open()`, with `I` a type parameter of your function"
)]
pub trait Wiring<M>: 'static {
    /// The struct holding the module's built providers and imported singletons.
    type Parts;
    /// The module while its providers are being built.
    type Builder;
    /// What makes the module graph need the async build.
    type FirstAsync: ?Sized;
    /// What a scope must be seeded with: [`NoSeeds`](crate::scope::NoSeeds) when the module
    /// graph below `M` declares no seeds (`seeds = [..]`), else a generated type whose
    /// [`SeedList`](crate::scope::SeedList) impl requires each of them.
    type Seeds;
    /// The module's static description.
    const INFO: &'static ModuleInfo;
    /// Builds the module asynchronously; the default wraps [`Wiring::build_sync`].
    ///
    /// # Errors
    /// The first provider or init hook that failed, its path starting at `M`.
    #[inline]
    fn build(ctx: &mut BuildCtx) -> BoxFuture<'_, Result<M, BuildError>>
    where
        M: 'static,
    {
        Box::pin(async move { Self::build_sync(ctx) })
    }
    /// Builds the module without a future (written for synchronous graphs only).
    ///
    /// # Errors
    /// The first provider that failed, its path starting at `M`.
    #[inline]
    fn build_sync(ctx: &mut BuildCtx) -> Result<M, BuildError> {
        let _ = ctx;
        unreachable_hint()
    }
}

/// The wiring of a module whose chain never completed: an error was reported where it stopped.
pub enum Unwired {}

impl<M> Wiring<M> for Unwired {
    type Parts = ();
    type Builder = ();
    type FirstAsync = NoAsync;
    type Seeds = crate::scope::NoSeeds;
    const INFO: &'static ModuleInfo = &ModuleInfo {
        name: "(a module that failed to compile)",
        id: "",
        imports: &[],
        providers: &[],
        exports: &[],
        starts: &[],
        config: None,
    };
}

/// The `K`-th export of a module, as seen by the importer `I`. `K` is a type ([`D0`]..[`D9`], or
/// [`Ix`] for two digits and more), not a `const usize`: every const argument in a path is a body
/// rustc type-checks on its own, and modules name dozens of exports.
///
/// `I` is there for coherence: an importer in another crate names the export as
/// `<Exporter as ExportAt<K, Importer>>::Ty`, a projection whose trait reference holds one of its
/// own types, which lets rustc normalize it when checking that the importer's impls do not overlap.
pub trait ExportAt<K, I>: Module {
    /// The exported type.
    type Ty: ?Sized;
    /// How long an instance lives.
    type Life;
    /// The exported singleton, or a new transient (request-scoped exports keep the default: the
    /// app refuses them at compile time outside a scope).
    #[inline]
    fn export(&self) -> Arc<Self::Ty> {
        unreachable_hint()
    }
    /// The export inside a request scope; singletons and transients as [`export`].
    ///
    /// [`export`]: ExportAt::export
    #[inline]
    fn export_in(&self, cells: &Cells) -> Arc<Self::Ty> {
        let _ = cells;
        self.export()
    }
}

macro_rules! digits {
    ($($d:ident)*) => {$(
        /// A decimal digit of a position ([`ExportAt`], [`crate::__private::ValueAt`]).
        pub enum $d {}
    )*};
}
digits!(D0 D1 D2 D3 D4 D5 D6 D7 D8 D9);
/// The position `10 * H + L` (`H` a position, `L` a digit).
pub struct Ix<H, L>(PhantomData<(H, L)>);

/// What importers of a module may name in hint impls: its private providers and the types it
/// sees through its imports without handing them on, as type lists read with [`At`]. One impl
/// per module, written only when a list is not empty. `I` is the importer (see [`ExportAt`]).
pub trait Hidden<I> {
    /// `(PhantomData<T>, (), rest)` per private provider.
    type Privates;
    /// `(PhantomData<T>, Owner, rest)` per seen type, `Owner` the import that exports it.
    type Seen;
}

/// Position zero of a type list.
pub enum Z {}
/// The position after `N`.
pub struct S<N>(PhantomData<N>);

/// The entry at position `N` of a type list `(PhantomData<T>, Owner, rest)`, read by the
/// importer `I` (a local type in the trait reference lets rustc normalize the projection when it
/// checks the importer's impls for overlap, as with [`ExportAt`]).
pub trait At<N, I> {
    /// The entry's type.
    type Ty: ?Sized;
    /// The entry's owner (`()` in a list of private providers).
    type Owner;
}
impl<H: ?Sized, O, R, I> At<Z, I> for (PhantomData<H>, O, R) {
    type Ty = H;
    type Owner = O;
}
impl<H: ?Sized, O, R: At<N, I>, N, I> At<S<N>, I> for (PhantomData<H>, O, R) {
    type Ty = R::Ty;
    type Owner = R::Owner;
}

/// What a module's `config = ..` names. With the `config` feature, a type that derives
/// `modkit::Config`.
#[cfg(feature = "config")]
pub use crate::config::Config as ModuleConfig;

/// What a module's `config = ..` names: without modkit's `config` feature, nothing is.
#[cfg(not(feature = "config"))]
#[diagnostic::on_unimplemented(
    message = "this module has a config, and modkit's `config` feature is off",
    label = "`config = ..` needs the `config` feature",
    note = "fix: in Cargo.toml, `modkit = {{ version = \"..\", features = [\"config\"] }}`"
)]
pub trait ModuleConfig {}

/// A module with a config: its name. Written by `#[module(config = ..)]`; names the module in
/// `AppBuilder::set::<M>`.
#[diagnostic::on_unimplemented(
    message = "module `{Self}` has no config",
    label = "`set::<{Self}>` sets a key of that module's config",
    note = "a module declares its config with `#[module(config = MyConfig, ..)]`",
    note = "fix: name the module whose config has this key"
)]
pub trait ConfigModule: Module {
    /// The config's name (`name = ".."`, by default the module's name in snake case without
    /// `Module`).
    const CONFIG_NAME: &'static str;
}
