//! The expansion of `#[injectable]`: the `Provider` impl, the construction impl (`New` for a
//! singleton, `Make` or `MakeIn`) and the companion macro.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::parse::FieldKind;
use crate::args::Opts;
use crate::util::{Site, errors_to_tokens};
use crate::wire::{Life, ProviderPayload};

/// The where-clause of the struct's impls: its own predicates, and for a generic struct the
/// `Send + Sync + 'static` that `Provider` needs.
fn impl_preds(input: &syn::DeriveInput) -> Vec<TokenStream> {
    let mut preds: Vec<TokenStream> = input
        .generics
        .where_clause
        .as_ref()
        .map(|w| w.predicates.iter().map(|p| quote!(#p)).collect())
        .unwrap_or_default();
    if input.generics.type_params().next().is_some() {
        preds.push(quote!(Self: ::core::marker::Send + ::core::marker::Sync + 'static));
    }
    preds
}

/// The `Provider` impl of the struct.
pub(super) fn provider(input: &syn::DeriveInput, krate: &syn::Path, opts: &Opts) -> TokenStream {
    let name = &input.ident;
    let (impl_g, ty_g, _) = input.generics.split_for_impl();
    let preds = impl_preds(input);
    crate::args::provider_impl(
        krate,
        &quote!(impl #impl_g #krate::__private::Provider for #name #ty_g where #(#preds,)*),
        &quote!(Self),
        name,
        &quote!(Self),
        opts,
    )
}

/// On an error that stops the expansion: the errors, the item as written, and a companion that
/// says "broken", so that modules listing it stay quiet.
pub(super) fn with_original(
    errors: Vec<syn::Error>,
    input: &syn::DeriveInput,
    site: &Site,
    life: Life,
    opts: &Opts,
) -> TokenStream {
    let errs = errors_to_tokens(errors);
    let companion = manifest(input, site, life, opts, Vec::new(), true);
    quote!(#errs #input #companion)
}

pub(super) fn construct_impl(
    input: &syn::DeriveInput,
    kinds: &[FieldKind],
    krate: &syn::Path,
    life: Life,
) -> TokenStream {
    let p = quote!(#krate::__private);
    let mut values = Vec::new();
    let mut arg_tys = Vec::new();
    let mut arg_vars = Vec::new();
    for kind in kinds {
        match kind {
            FieldKind::Dep(t) => {
                arg_tys.push(quote!(#p::Arc<#t>));
                let var = format_ident!("__modkit_a{}", arg_vars.len());
                values.push(quote!(#var));
                arg_vars.push(var);
            }
            FieldKind::Default => values.push(quote!(::core::default::Default::default())),
        }
    }
    // One impl per provider, not generic over the module: the runtime's blanket impls build it
    // inside any module that can inject its fields (`Construct` over `New` for a singleton,
    // `Make`/`MakeIn` over `Assemble` for the others), and a module built directly calls `New`.
    new_impl(
        input,
        krate,
        &arg_tys,
        &arg_vars,
        &struct_literal(input, &values),
        life,
    )
}

/// `Name { field: value, .. }` (or the tuple or unit form) with `values` in field order.
fn struct_literal(input: &syn::DeriveInput, values: &[TokenStream]) -> TokenStream {
    let name = &input.ident;
    #[allow(
        clippy::single_match_else,
        reason = "runs for structs only; other shapes were rejected"
    )]
    match &input.data {
        syn::Data::Struct(s) => match &s.fields {
            syn::Fields::Named(named) => {
                let idents = named.named.iter().map(|f| &f.ident);
                quote!(#name { #(#idents: #values),* })
            }
            syn::Fields::Unnamed(_) => quote!(#name ( #(#values),* )),
            syn::Fields::Unit => quote!(#name),
        },
        _ => quote!(::core::unreachable!()),
    }
}

/// The `New` impl of a singleton (`Assemble` of any other): its dependencies as a list, the
/// struct built from them.
fn new_impl(
    input: &syn::DeriveInput,
    krate: &syn::Path,
    arg_tys: &[TokenStream],
    arg_vars: &[syn::Ident],
    body: &TokenStream,
    life: Life,
) -> TokenStream {
    let name = &input.ident;
    let (impl_g, ty_g, _) = input.generics.split_for_impl();
    let preds = impl_preds(input);
    let p = quote!(#krate::__private);
    let args_ty = crate::util::arg_list(arg_tys);
    let pattern = crate::util::arg_list(arg_vars);
    if life != Life::Singleton {
        return quote! {
            #[automatically_derived]
            impl #impl_g #p::Assemble<#args_ty> for #name #ty_g where #(#preds,)* {
                #[inline]
                fn assemble(#pattern: #args_ty) -> Self {
                    #body
                }
            }
        };
    }
    quote! {
        #[automatically_derived]
        impl #impl_g #p::New<#args_ty> for #name #ty_g where #(#preds,)* {
            #[inline]
            fn new(#pattern: #args_ty) -> ::core::result::Result<Self, #krate::BoxError> {
                ::core::result::Result::Ok(#body)
            }
        }
    }
}

/// The companion macro: same name as the struct (macro namespace), hands the struct's key to a
/// `#[module]` that lists it (see `crate::chain`).
pub(super) fn manifest(
    input: &syn::DeriveInput,
    site: &Site,
    life: Life,
    opts: &Opts,
    deps: Vec<crate::wire::Dep>,
    broken: bool,
) -> TokenStream {
    let name = &input.ident;
    let hash = site.hash("injectable", &name.to_string());
    let key = format!("{}::{name}#{hash}", site.krate);
    let payload = ProviderPayload {
        key,
        name: name.clone(),
        public: matches!(input.vis, syn::Visibility::Public(_)),
        generic: input.generics.type_params().count() + input.generics.const_params().count() > 0,
        factory: false,
        life,
        is_async: false,
        hooks: opts.init.is_some() || opts.shutdown.is_some(),
        deps,
        output: name.to_string(),
        broken,
    };
    crate::chain::companion(
        // Explicit arguments: `format_ident!` strips `r#` from those, not from inline captures
        // (`r#Foo` panicked here before; found by fuzzing).
        &format_ident!("__modkit_inj_{}_{}", name, hash),
        name,
        &input.vis,
        &quote::ToTokens::to_token_stream(&payload),
    )
}
