//! What a module that failed writes instead of its wiring: impls that accept every use, and a
//! companion macro whose manifest says "broken". Its error was reported once; its importers see
//! the broken manifest and stay quiet too, and so does `main` (`App::build`, `app.get`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::wire::{Manifest, Spec};

/// The stub of a module whose struct `#[module]` wrote (with its `__modkit` field).
pub(crate) fn joined(spec: &Spec) -> TokenStream {
    let (krate, name) = (&spec.krate, &spec.name);
    let rest = impls(spec);
    quote! {
        #[automatically_derived]
        impl #krate::__private::Wired for #name {
            type Parts = ();
        }
        #rest
    }
}

/// The stub impls and the broken companion.
pub(crate) fn impls(spec: &Spec) -> TokenStream {
    let (krate, name, id) = (&spec.krate, &spec.name, &spec.id);
    let p = quote!(#krate::__private);
    let module_name = name.to_string();
    let manifest = Manifest {
        id: spec.id.clone(),
        name: module_name.clone(),
        public: spec.public,
        is_async: false,
        exports: Vec::new(),
        privates: Vec::new(),
        seen: Vec::new(),
        values: Vec::new(),
        broken: true,
    };
    let companion = crate::join::expand::companion_of(spec, &manifest);
    quote! {
        #[automatically_derived]
        impl #krate::Module for #name {
            type Builder = ();
            type FirstAsync = #p::NoAsync;
            const __INFO: &'static #krate::info::ModuleInfo = &#krate::info::ModuleInfo {
                name: #module_name,
                id: #id,
                imports: &[],
                providers: &[],
                exports: &[],
                starts: &[],
            };
        }
        #[automatically_derived]
        impl<__T: ?::core::marker::Sized> #p::Resolve<__T> for #name {
            type Access = #p::Visible;
            type Life = #p::Singleton;
        }
        #[automatically_derived]
        impl<__L> #p::Values<__L, ()> for #name {}
        #companion
    }
}
