//! The join's output: `quote!` only, every decision already taken by [`super::layout`]. One file
//! per kind of generated item.

mod build;
mod collections;
mod companion;
mod exports;
mod globals;
mod info;
mod resolve;
mod structs;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::Layout;
use super::model::{ImportId, LocalId, Model, SeenId};
use crate::wire::Spec;

/// Whether the join writes what a test replacement needs (`AppBuilder::replace_for_test`): this
/// crate's `testing` feature, which modkit's `testing` feature turns on. Without it the expansion
/// is the production one and costs nothing more to compile. What it writes is gated a second
/// time by the runtime's `__if_testing!`/`__replaced_or!`, which follow modkit's own feature. The
/// expansion snapshots are the production expansion whatever the features.
pub(crate) const TESTING: bool = cfg!(all(feature = "testing", not(test)));

/// What every expand file needs: the inputs and the generated names.
pub(crate) struct Ctx<'a> {
    pub(crate) spec: &'a Spec,
    pub(crate) model: &'a Model,
    pub(crate) layout: &'a Layout,
    /// The runtime crate.
    pub(crate) krate: &'a TokenStream,
    /// `krate::__private`.
    pub(crate) p: TokenStream,
    /// The module struct.
    pub(crate) name: &'a syn::Ident,
    /// The module's name as a string, for messages and the graph.
    pub(crate) module_name: String,
    pub(crate) builder: syn::Ident,
    pub(crate) parts: syn::Ident,
}

impl Ctx<'_> {
    /// The field of a local provider in the parts and the builder.
    pub(crate) fn local_field(i: LocalId) -> syn::Ident {
        format_ident!("__modkit_p{}", i.0)
    }
    /// The field of an imported singleton the module holds.
    pub(crate) fn seen_field(n: SeenId) -> syn::Ident {
        format_ident!("__modkit_v{}", n.0)
    }
    /// The field (and build variable) of an import.
    pub(crate) fn import_field(j: ImportId) -> syn::Ident {
        format_ident!("__modkit_i{}", j.0)
    }
    /// The import's type as listed.
    pub(crate) fn import_ty(&self, j: ImportId) -> &syn::Type {
        &self.model.import(j).ty
    }
    /// A seen type, named through the import that exports it, as `importer` sees it: this module
    /// in its own impls, `__I` in the impls generic over their importer.
    pub(crate) fn seen_ty(&self, n: SeenId, importer: &TokenStream) -> TokenStream {
        let s = self.model.seen(n);
        let imp = self.import_ty(s.import);
        let p = &self.p;
        let k = crate::util::position(p, s.k);
        quote!(<#imp as #p::ExportAt<#k, #importer>>::Ty)
    }
    /// The generated trait and function that coerce a binding `Impl as dyn Trait`.
    pub(crate) fn binding_names(&self, i: LocalId) -> Option<(syn::Ident, syn::Ident)> {
        self.model.local(i).is_binding().then(|| {
            (
                format_ident!("__modkit_Binds_{}_{}", self.name, i.0),
                format_ident!("__modkit_bind_{}_{}", self.name, i.0),
            )
        })
    }
    /// `e`, coerced to the trait object when local `i` is a binding.
    pub(crate) fn coerce(&self, i: LocalId, e: TokenStream) -> TokenStream {
        match self.binding_names(i) {
            Some((_, f)) => quote!(#f(#e)),
            None => e,
        }
    }
}

/// The companion macro carrying `manifest`, under the module's own name.
pub(crate) fn companion_of(spec: &Spec, manifest: &crate::wire::Manifest) -> TokenStream {
    companion::emit(spec, manifest)
}

/// The module: everything the join writes for a module that passed every check.
pub(crate) fn module(spec: &Spec, model: &Model, layout: &Layout) -> TokenStream {
    let name = &spec.name;
    let cx = Ctx {
        spec,
        model,
        layout,
        krate: &spec.krate,
        // Inside the block the items live in, `__modkit_p` names the runtime's `__private`
        // (`crate::util::block`): three tokens where the full path takes nine.
        p: quote!(__modkit_p),
        name,
        module_name: name.to_string(),
        builder: format_ident!("__modkit_Builder_{}", name),
        parts: format_ident!("__modkit_Parts_{}", name),
    };
    let bindings = structs::bindings(&cx);
    let structs = structs::structs(&cx);
    let module_impl = info::module_impl(&cx, &build::build_fn(&cx));
    let resolves = resolve::resolves(&cx);
    let exports = exports::exports(&cx);
    let globals = globals::globals(&cx);
    let companion = companion::companion(&cx);
    let wiring = crate::join::stub::wiring_ident(name);
    let vis = &spec.vis;
    let items = crate::util::block(
        &spec.krate,
        &quote! {
            #bindings
            #structs
            #module_impl
            #resolves
            #exports
            #globals
        },
    );
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis enum #wiring {}
        #items
        #companion
    }
}
