//! The expansion of `#[module]`: the module's `wire::Spec`, the struct, and the start of the
//! chain; or, on error, the fallback.

use proc_macro2::TokenStream;
use quote::quote;

use super::check::Links;
use super::parse::Args;
use crate::util::{Site, errors_to_tokens};
use crate::wire;

/// The struct and the chain that ends in `__join!`, or the fallback when `errors` has any.
pub(super) fn module(
    args: &Args,
    links: Links,
    input: &syn::DeriveInput,
    site: &Site,
    errors: Vec<syn::Error>,
) -> TokenStream {
    let Links {
        providers,
        imports,
        lookups,
        exports,
    } = links;
    let name = &input.ident;
    let krate = args
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::modkit));
    let vis = &input.vis;
    let public = matches!(vis, syn::Visibility::Public(_));
    let id = format!(
        "{}::{name}#{}",
        site.krate,
        site.hash("module", &name.to_string())
    );
    let spec = wire::Spec {
        krate: quote!(#krate),
        vis: quote!(#vis),
        name: name.clone(),
        id,
        public,
        providers: args.providers.clone(),
        values: args.values.clone(),
        imports: args.imports.clone(),
        exports,
    };
    if !errors.is_empty() {
        return fallback(errors, input, &spec);
    }
    let spec = quote::ToTokens::to_token_stream(&spec);
    let mut chain: Vec<TokenStream> = Vec::new();
    chain.extend(providers);
    chain.extend(imports);
    chain.extend(lookups);
    let join = quote!(#krate::__private::__join);
    let chain = crate::chain::start(&chain, &join, &spec);
    // The struct exists at once, whatever happens to the chain: its contents come from the join.
    // If the chain never completes (an import cycle stalls it), `Wired` names the module.
    let attrs = input.attrs.iter().filter(|a| !a.path().is_ident("module"));
    quote! {
        #(#attrs)*
        #vis struct #name {
            __modkit: <#name as #krate::__private::Wired>::Parts,
        }
        #chain
    }
}

/// On error: the errors, the struct as written so that the rest of the crate still names it, and
/// the stub of a module that failed, so that its importers and `main` stay quiet.
fn fallback(errors: Vec<syn::Error>, input: &syn::DeriveInput, spec: &wire::Spec) -> TokenStream {
    let errs = errors_to_tokens(errors);
    let mut input = input.clone();
    input.attrs.retain(|a| !a.path().is_ident("module"));
    let stub = input
        .generics
        .params
        .is_empty()
        .then(|| crate::join::stub::impls(spec));
    quote!(#errs #input #stub)
}
