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
        contributions,
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
        seeds: args.seeds.clone(),
        imports: args.imports.clone(),
        exports,
        config: args
            .config
            .iter()
            .map(|ty| wire::ConfigSpec {
                ty: ty.clone(),
                name: super::check::config_name(args, name),
            })
            .collect(),
        global: args.global,
        resolve: args.resolve.clone(),
        contribute: args.contribute.clone(),
        collect: args.collect.clone(),
    };
    if !errors.is_empty() {
        return fallback(errors, input, &spec);
    }
    let attrs = own_attrs(input);
    let items = crate::join::stub::module_items(&spec, &attrs);
    let spec = quote::ToTokens::to_token_stream(&spec);
    let mut chain: Vec<TokenStream> = Vec::new();
    chain.extend(providers);
    chain.extend(imports);
    chain.extend(contributions);
    chain.extend(lookups);
    let join = quote!(#krate::__private::__join);
    let chain = crate::chain::start(&chain, &join, &spec);
    // The struct and its `Module` impl exist at once, whatever happens to the chain (see
    // `join::stub`): its contents come from the join.
    quote! {
        #items
        #chain
    }
}

/// On error: the errors, the module's items as if its chain had stopped (so that the rest of the
/// crate names it quietly), and a companion that says `broken` (so that its importers stay
/// quiet). An item that is not a plain struct is written as it was.
fn fallback(errors: Vec<syn::Error>, input: &syn::DeriveInput, spec: &wire::Spec) -> TokenStream {
    let errs = errors_to_tokens(errors);
    let companion = crate::join::stub::broken_companion(spec);
    let attrs = own_attrs(input);
    let plain = matches!(&input.data, syn::Data::Struct(s) if s.fields.is_empty())
        && input.generics.params.is_empty();
    if plain {
        let items = crate::join::stub::module_items(spec, &attrs);
        return quote!(#errs #items #companion);
    }
    let mut input = input.clone();
    input.attrs = attrs;
    quote!(#errs #input #companion)
}

/// The struct's attributes other than `#[module]` itself, which the written items carry over.
fn own_attrs(input: &syn::DeriveInput) -> Vec<syn::Attribute> {
    input
        .attrs
        .iter()
        .filter(|a| !a.path().is_ident("module"))
        .cloned()
        .collect()
}
