//! What `#[injectable]` and `#[provider]` share: their arguments (`scope`, `init`, `shutdown`,
//! `crate`) and the `Provider` impl with the lifecycle hooks.

use darling::{FromMeta, ast::NestedMeta};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::diag;
use crate::wire::Life;

/// The arguments of `#[injectable(..)]` and `#[provider(..)]`.
#[derive(Debug, Default, FromMeta)]
pub(crate) struct Opts {
    /// Path of the `modkit` crate, for crates that rename it.
    #[darling(rename = "crate")]
    pub(crate) krate: Option<syn::Path>,
    /// `singleton` (default), `transient` or `request`.
    pub(crate) scope: Option<syn::Expr>,
    /// `async fn(&T) -> Result<(), E>` run after the provider is built.
    pub(crate) init: Option<syn::Path>,
    /// `async fn(&T) -> Result<(), E>` run by `App::shutdown`.
    pub(crate) shutdown: Option<syn::Path>,
}

/// Parses the arguments; errors are pushed and defaults returned.
pub(crate) fn parse_opts(
    args: TokenStream,
    macro_name: &str,
    errors: &mut Vec<syn::Error>,
) -> (Opts, Life) {
    let opts = match NestedMeta::parse_meta_list(args) {
        Ok(list) => match Opts::from_list(&list) {
            Ok(a) => a,
            Err(e) => {
                errors.push(syn::Error::from(e.with_span(&Span::call_site())));
                Opts::default()
            }
        },
        Err(e) => {
            errors.push(e);
            Opts::default()
        }
    };
    let life = match &opts.scope {
        None => Life::Singleton,
        Some(expr) => {
            let word = match expr {
                syn::Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            };
            if let Some(life) = word.as_deref().and_then(Life::from_word) {
                life
            } else {
                errors.push(diag::unknown_scope(expr, macro_name));
                Life::Singleton
            }
        }
    };
    if life != Life::Singleton
        && let Some(hook) = opts.init.as_ref().or(opts.shutdown.as_ref())
    {
        errors.push(diag::hook_not_singleton(hook, life));
    }
    (opts, life)
}

/// The `Provider` impl: output type, name and lifecycle hooks. `hook_self` is the type whose
/// associated functions a bare hook name (`init = start`) refers to.
pub(crate) fn provider_impl(
    krate: &syn::Path,
    impl_head: &TokenStream,
    output: &TokenStream,
    name: &syn::Ident,
    hook_self: &TokenStream,
    opts: &Opts,
) -> TokenStream {
    let p = quote!(#krate::__private);
    let name_span = name.span();
    let name = name.to_string();
    let call = |hook: &syn::Path| -> TokenStream {
        let path = if hook.get_ident().is_some() {
            quote_spanned!(hook.span()=> <#hook_self>::#hook)
        } else {
            quote!(#hook)
        };
        // Only the call carries the user's span (errors point at the hook); the local variable
        // keeps the span of its declaration, or hygiene hides it when the path comes from a
        // `macro_rules!` argument.
        let hook_future = quote_spanned!(hook.span()=> #p::hook_future);
        quote!(#hook_future(#path(&*__modkit_v)))
    };
    // Only the hooks a provider has are written; the trait's defaults say "none" for the rest.
    let init = opts.init.as_ref().map(|h| {
        let c = call(h);
        quote! {
            fn init(__modkit_v: &#p::Arc<#output>) -> ::core::option::Option<#p::BoxFuture<'_, ::core::result::Result<(), #krate::BoxError>>> {
                ::core::option::Option::Some(::std::boxed::Box::pin(async move { #c.await }))
            }
        }
    });
    let shutdown = opts.shutdown.as_ref().map(|h| {
        let c = call(h);
        quote! {
            const HAS_SHUTDOWN: bool = true;
            fn shutdown(__modkit_v: #p::Arc<#output>) -> ::core::option::Option<#p::BoxFuture<'static, ::core::result::Result<(), #krate::BoxError>>> {
                ::core::option::Option::Some(::std::boxed::Box::pin(async move { #c.await }))
            }
        }
    });
    // `Send + Sync` is checked once, here, at the provider: the module's impls do not require
    // it again (see `Provider::Output`).
    let shareable = quote_spanned!(name_span=> #p::shareable::<#output>());
    quote! {
        #[automatically_derived]
        #impl_head {
            type Output = #output;
            const NAME: &'static str = #name;
            const SHAREABLE: () = #shareable;
            #init
            #shutdown
        }
    }
}
