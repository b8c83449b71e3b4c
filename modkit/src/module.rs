//! The generated shape of a module: its parts, and the numbered views its importers and hints
//! name (exports, providers, types seen through imports).

use std::sync::Arc;

use crate::Module;
use crate::resolve::unreachable_hint;
use crate::scope::Cells;

/// The generated contents of a module struct; implemented by the end of the module's chain.
#[diagnostic::on_unimplemented(
    message = "module `{Self}` was never completed: the companion macro of one of its imports never appeared",
    label = "`#[module]` could not finish `{Self}`",
    note = "a module is completed once every module in its `imports = [..]` is; when imports lead back to the module (an import cycle such as `A -> B -> A`), none of them ever is, and rustc reports the imports it could not find above",
    note = "fix: break the import cycle, for example by moving what both modules need into a third module that both import"
)]
pub trait Wired {
    /// The struct holding the module's built providers and imported singletons.
    type Parts;
}

/// The `K`-th export of a module, as seen by the importer `I`.
///
/// `I` is there for coherence: an importer in another crate names the export as
/// `<Exporter as ExportAt<K, Importer>>::Ty`, a projection whose trait reference holds one of its
/// own types, which lets rustc normalize it when checking that the importer's impls do not overlap.
pub trait ExportAt<const K: usize, I>: Module {
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

/// The `K`-th provider of a module, private or not (used only to name it in hints).
pub trait ProviderAt<const K: usize, I>: Module {
    /// The provided type.
    type Ty: ?Sized;
}

/// The `K`-th type a module sees through its imports (used only to name it in hints).
pub trait SeenAt<const K: usize, I>: Module {
    /// The visible type.
    type Ty: ?Sized;
    /// The import that exports it.
    type Owner;
}
