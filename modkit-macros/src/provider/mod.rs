//! `#[provider]`: a factory function as a provider. Its parameters are its dependencies, its
//! return value (or the `Ok` of its `Result`) the provided value.
//!
//! `parse` checks the signature into a [`parse::Factory`]; `expand` writes the marker struct, the
//! impls and the companion macro.

mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::quote;

use crate::args::parse_opts;
use crate::diag;
use crate::util::{Site, errors_to_tokens};

pub(crate) fn expand(args: TokenStream, item: &TokenStream, site: &Site) -> TokenStream {
    let mut errors = Vec::new();
    let (opts, life) = parse_opts(args, "provider", &mut errors);
    let Ok(func) = syn::parse2::<syn::ItemFn>(item.clone()) else {
        let err = diag::provider_not_fn().to_compile_error();
        return quote!(#err #item);
    };
    let krate = opts
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::modkit));
    let name = &func.sig.ident;
    let factory = parse::factory(&func.sig, life, &mut errors);
    let companion = expand::companion(&func, &factory, life, &opts, site, !errors.is_empty());
    let marker = expand::marker(&func);
    if !errors.is_empty() {
        // The function, its marker and its companion as usual: a module listing it stays quiet.
        let errs = errors_to_tokens(errors);
        return quote!(#errs #func #marker #companion);
    }
    let provider = expand::provider(&krate, name, &factory, &opts);
    let construct = expand::construct(&krate, name, &factory, life);
    // modkit dictates the `Arc<T>` by-value parameters: a lint against them would be noise.
    quote! {
        #[allow(clippy::needless_pass_by_value)]
        #func
        #marker
        #provider
        #[automatically_derived]
        #construct
        #companion
    }
}
