//! The expansion of `#[provider]`: the marker struct, the `Provider` impl, the construction impl
//! (`New` or `NewAsync` for a singleton, `Make` or `MakeIn`) and the companion macro.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::parse::Factory;
use crate::args::{Opts, provider_impl};
use crate::util::Site;
use crate::wire::{Life, ProviderPayload};

/// The unit struct named like the function, which modules list in `providers = [..]`.
pub(super) fn marker(func: &syn::ItemFn) -> TokenStream {
    let name = &func.sig.ident;
    let vis = &func.vis;
    let marker_doc = format!(
        "The provider marker of the factory function [`{name}`]: list `{name}` in `providers = [..]`."
    );
    quote! {
        #[doc = #marker_doc]
        #[allow(non_camel_case_types)]
        #vis struct #name {
            #[doc(hidden)]
            __modkit: ::core::marker::PhantomData<()>,
        }
    }
}

/// The companion macro that hands the factory's payload to a `#[module]` listing it.
pub(super) fn companion(
    func: &syn::ItemFn,
    factory: &Factory,
    life: Life,
    opts: &Opts,
    site: &Site,
    broken: bool,
) -> TokenStream {
    let name = &func.sig.ident;
    let vis = &func.vis;
    let hash = site.hash("provider", &name.to_string());
    let payload = ProviderPayload {
        key: format!("{}::{name}#{hash}", site.krate),
        name: name.clone(),
        public: matches!(vis, syn::Visibility::Public(_)),
        generic: false,
        factory: true,
        life,
        is_async: factory.is_async,
        hooks: opts.init.is_some() || opts.shutdown.is_some(),
        deps: factory.params.iter().map(crate::util::dep).collect(),
        output: syn::parse2::<syn::Type>(factory.output.clone())
            .map(|t| crate::util::short_name(&t))
            .unwrap_or_default(),
        broken,
    };
    crate::chain::companion(
        // Explicit arguments: `format_ident!` strips `r#` from those, not from inline captures
        // (`r#Foo` panicked here before; found by fuzzing).
        &format_ident!("__modkit_fac_{}_{}", name, hash),
        name,
        vis,
        &quote::ToTokens::to_token_stream(&payload),
    )
}

/// The `Provider` impl of the marker.
pub(super) fn provider(
    krate: &syn::Path,
    name: &syn::Ident,
    factory: &Factory,
    opts: &Opts,
) -> TokenStream {
    let output = &factory.output;
    provider_impl(
        krate,
        &quote!(impl #krate::__private::Provider for #name),
        output,
        name,
        &quote!(#output),
        opts,
    )
}

/// The construction impl of the marker: `Construct` or `ConstructAsync` for a singleton, `Make`
/// for a transient, `MakeIn` for a request-scoped provider.
pub(super) fn construct(
    krate: &syn::Path,
    name: &syn::Ident,
    factory: &Factory,
    life: Life,
) -> TokenStream {
    let p = quote!(#krate::__private);
    let arg_vars: Vec<syn::Ident> = (0..factory.params.len())
        .map(|i| format_ident!("__modkit_a{}", i))
        .collect();
    let ret = if factory.fallible {
        quote!(__modkit_r.map_err(#p::IntoBoxError::into_box_error))
    } else {
        quote!(::core::result::Result::Ok(__modkit_r))
    };
    new_impl(krate, name, factory, &arg_vars, &ret, life)
}

/// The `New` (or `NewAsync`) impl of a singleton factory, the `Assemble` impl of any other: its
/// parameters as a list, the call.
fn new_impl(
    krate: &syn::Path,
    name: &syn::Ident,
    factory: &Factory,
    arg_vars: &[syn::Ident],
    ret: &TokenStream,
    life: Life,
) -> TokenStream {
    let p = quote!(#krate::__private);
    let output = &factory.output;
    let arg_tys: Vec<TokenStream> = factory.params.iter().map(|t| quote!(#p::Arc<#t>)).collect();
    let args_ty = crate::util::arg_list(&arg_tys);
    let pattern = crate::util::arg_list(arg_vars);
    if life != Life::Singleton {
        // Transients and request-scoped providers: the runtime's `Make`/`MakeIn` over `Assemble`.
        return quote! {
            impl #p::Assemble<#args_ty> for #name {
                #[inline]
                fn assemble(#pattern: #args_ty) -> #output {
                    #name(#(#arg_vars),*)
                }
            }
        };
    }
    if factory.is_async {
        return quote! {
            impl #p::NewAsync<#args_ty> for #name {
                fn new(#pattern: #args_ty) -> impl ::core::future::Future<Output = ::core::result::Result<#output, #krate::BoxError>> + ::core::marker::Send {
                    async move {
                        let __modkit_r = #name(#(#arg_vars),*).await;
                        #ret
                    }
                }
            }

        };
    }
    quote! {
        impl #p::New<#args_ty> for #name {
            #[inline]
            fn new(#pattern: #args_ty) -> ::core::result::Result<#output, #krate::BoxError> {
                let __modkit_r = #name(#(#arg_vars),*);
                #ret
            }
        }

    }
}
