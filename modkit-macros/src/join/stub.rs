//! What keeps one mistake one error: the items `#[module]` writes at once, whatever happens to
//! its chain, and the companion of a module that failed.
//!
//! `#[module]` writes the struct and its `Module` impl itself, both naming the module's wiring
//! type `__modkit_Wiring_M` (see the runtime's `Wiring`). The join defines that type when the
//! chain completes; until then the name resolves, through a glob import the join's item
//! shadows, to the runtime's `Unwired`, under which `app.get`, `scope.get` (the runtime's `Via`)
//! and `Values` accept every use. So when a chain stops (a listed name has no companion, an import cycle) or the
//! join reports an error, the error is the only one: the module, `App::<M>`, `app.get` stay
//! quiet. The companion of a failed module says `broken`, and its importers stay quiet too.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::wire::{Manifest, Spec};

/// The wiring type of module `name`.
pub(crate) fn wiring_ident(name: &syn::Ident) -> syn::Ident {
    format_ident!("__modkit_Wiring_{}", name)
}

/// The struct, the fallback of its wiring and its `Module` impl.
pub(crate) fn module_items(spec: &Spec, attrs: &[syn::Attribute]) -> TokenStream {
    let (krate, name, vis) = (&spec.krate, &spec.name, &spec.vis);
    let p = quote!(#krate::__private);
    let w = wiring_ident(name);
    let fallback = format_ident!("__modkit_fallback_{}", name);
    let wiring = quote!(<#w as #p::Wiring<#name>>);
    let inner = from_child(krate);
    quote! {
        #(#attrs)*
        #vis struct #name {
            __modkit: #wiring::Parts,
        }
        #[doc(hidden)]
        #[allow(non_snake_case)]
        mod #fallback {
            #[allow(non_camel_case_types)]
            pub type #w = #inner::__private::Unwired;
        }
        #[allow(unused_imports)]
        use #fallback::*;
        #[automatically_derived]
        impl #krate::Module for #name {
            type Wiring = #w;
            type Builder = #wiring::Builder;
            type FirstAsync = #wiring::FirstAsync;
            const __INFO: &'static #krate::info::ModuleInfo = #wiring::INFO;
            #[inline]
            fn __build(__modkit_ctx: &mut #p::BuildCtx) -> #p::BoxFuture<'_, ::core::result::Result<Self, #krate::BuildError>> {
                #wiring::build(__modkit_ctx)
            }
            #[inline]
            fn __build_sync(__modkit_ctx: &mut #p::BuildCtx) -> ::core::result::Result<Self, #krate::BuildError> {
                #wiring::build_sync(__modkit_ctx)
            }
        }
    }
}

/// The runtime's path as seen from a module nested in the module's scope: a relative path
/// (`crate = mk`, a `use modkit as mk;` alias) gets `super::`, `self::` becomes `super::`.
fn from_child(krate: &TokenStream) -> TokenStream {
    let mut tokens = krate.clone().into_iter();
    match tokens.next() {
        Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == ':' => krate.clone(),
        Some(proc_macro2::TokenTree::Ident(i)) if i == "crate" => krate.clone(),
        Some(proc_macro2::TokenTree::Ident(i)) if i == "self" => {
            let rest: TokenStream = tokens.collect();
            quote!(super #rest)
        }
        _ => quote!(super::#krate),
    }
}

/// The companion of a module that failed: a manifest that says `broken`.
pub(crate) fn broken_companion(spec: &Spec) -> TokenStream {
    let manifest = Manifest {
        id: spec.id.clone(),
        name: spec.name.to_string(),
        public: spec.public,
        is_async: false,
        exports: Vec::new(),
        privates: Vec::new(),
        seen: Vec::new(),
        values: Vec::new(),
        seeded: false,
        globals: Vec::new(),
        global_exports: Vec::new(),
        needs_globals: false,
        broken: true,
        collections: Vec::new(),
        kept: Vec::new(),
    };
    crate::join::expand::companion_of(spec, &manifest)
}
