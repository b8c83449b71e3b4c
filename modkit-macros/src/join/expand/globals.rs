//! Global modules: what a global module (`#[module(global, ..)]`) writes (one `GlobalExport`
//! impl per exported singleton, through which a module that does not import it finds its
//! exports, the global module inferred from the type), how any module names the global modules
//! of its graph (`GlobalAt`, `ContainsGlobal`), and the list of global exports its graph takes
//! (`NeedsGlobals`, `GlobalList`), which the app's root checks against the global modules it
//! contains. A module whose graph has no global module writes none of it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use super::Ctx;
use crate::join::model::Export;
use crate::wire::Life;

pub(super) fn globals(cx: &Ctx<'_>) -> TokenStream {
    let exports = global_exports(cx);
    let contained = contained(cx);
    let needs = needs(cx);
    quote!(#exports #contained #needs)
}

/// A global module's exported singletons, each findable from its type.
fn global_exports(cx: &Ctx<'_>) -> TokenStream {
    if !cx.spec.global {
        return TokenStream::new();
    }
    let (p, name, model) = (&cx.p, cx.name, cx.model);
    let impls = model.exports.iter().enumerate().filter_map(|(k, e)| {
        let life = match *e {
            Export::Local(i) => model.local(i).life,
            Export::Seen(n) => model.seen(n).life,
            Export::Collection { .. } => return None,
        };
        (life == Life::Singleton).then(|| {
            let k = crate::util::position(p, k);
            quote! {
                impl #p::GlobalExport<#name> for <#name as #p::ExportAt<#k, #name>>::Ty {
                    #[inline]
                    fn export_from(g: &#name) -> #p::Arc<Self> {
                        <#name as #p::ExportAt<#k, #name>>::export(g)
                    }
                }
                impl<__A> #p::GlobalIn<__A, #name> for <#name as #p::ExportAt<#k, #name>>::Ty
                where
                    __A: #p::ContainsGlobal<#name>,
                {}
            }
        })
    });
    // One error, at the global module, when it cannot be built synchronously.
    let sync = quote_spanned!(name.span()=> #p::sync_global::<#name>);
    quote!(const _: fn() = #sync; #(#impls)*)
}

/// `GlobalAt` and `ContainsGlobal` per global module of the graph below the module.
fn contained(cx: &Ctx<'_>) -> TokenStream {
    let (p, name) = (&cx.p, cx.name);
    let impls = cx.layout.globals.iter().enumerate().map(|(k, g)| {
        let ty = match g.source {
            None => quote!(#name),
            Some((j, k2)) => {
                let imp = cx.import_ty(j);
                let k2 = crate::util::position(p, k2);
                quote!(<#imp as #p::GlobalAt<#k2, #name>>::Ty)
            }
        };
        let k = crate::util::position(p, k);
        quote! {
            impl<__I> #p::GlobalAt<#k, __I> for #name { type Ty = #ty; }
            impl #p::ContainsGlobal<#ty> for #name {}
        }
    });
    quote!(#(#impls)*)
}

/// The generated type listing the global exports the graph below the module takes.
pub(super) fn needs_ident(name: &syn::Ident) -> syn::Ident {
    format_ident!("__modkit_Globals_{}", name)
}

/// `NeedsGlobals` and its `GlobalList`: each own global export is in the app `__A`, and so is
/// each of the imports' lists.
fn needs(cx: &Ctx<'_>) -> TokenStream {
    let (p, name, layout, model) = (&cx.p, cx.name, cx.layout, cx.model);
    if !layout.needs_globals() {
        return TokenStream::new();
    }
    let list = needs_ident(name);
    // Each own global export, named through the argument list of the provider that depends on
    // it (`__S<n>`, inferred where the app checks the list), and the global module (`__G<n>`).
    let own: Vec<(&syn::Type, TokenStream, TokenStream)> = layout
        .global_needs
        .iter()
        .filter_map(|&i| {
            let (of, k) = model.local(i).global_of?;
            let of = model.local(of);
            let new = if of.is_async {
                quote!(#p::NewAsync)
            } else {
                quote!(#p::New)
            };
            Some((&of.ty, new, crate::util::nat(p, k)))
        })
        .collect();
    let args: Vec<syn::Ident> = (0..own.len()).map(|n| format_ident!("__S{}", n)).collect();
    let at: Vec<syn::Ident> = (0..own.len()).map(|n| format_ident!("__G{}", n)).collect();
    let own_bounds = own
        .iter()
        .zip(&args)
        .zip(&at)
        .map(|(((provider, new, k), a), g)| {
            quote! {
                #provider: #new<#a>,
                #a: #p::ArgAt<#k, #name>,
                <#a as #p::ArgAt<#k, #name>>::Ty: #p::GlobalIn<__A, #g>,
            }
        });
    let imps: Vec<&syn::Type> = layout
        .needy_imports
        .iter()
        .map(|&j| cx.import_ty(j))
        .collect();
    let via: Vec<syn::Ident> = (0..imps.len()).map(|n| format_ident!("__J{}", n)).collect();
    let vis = &cx.spec.vis;
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis enum #list {}
        impl #p::NeedsGlobals for #name { type List = #list; }
        #[allow(private_bounds)]
        impl<__A, #(#args,)* #(#at,)* #(#via),*> #p::GlobalList<__A, (#((#args, #at),)* #(#via,)*)> for #list
        where
            #(#own_bounds)*
            #(<#imps as #p::NeedsGlobals>::List: #p::GlobalList<__A, #via>,)*
        {}
    }
}
