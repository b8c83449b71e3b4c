//! `#[injectable]`: parse the struct, check its fields (`parse`), expand `Construct` and the
//! companion macro (`expand`).

mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::quote;

use crate::args::parse_opts;
use crate::util::{Site, errors_to_tokens};

pub(crate) fn expand(args: TokenStream, item: &TokenStream, site: &Site) -> TokenStream {
    let mut errors = Vec::new();
    let (opts, life) = parse_opts(args, "injectable", &mut errors);
    let mut input: syn::DeriveInput = match syn::parse2(item.clone()) {
        Ok(i) => i,
        Err(e) => {
            let err = e.to_compile_error();
            return quote!(#err #item);
        }
    };
    let krate = opts
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::modkit));
    let Some(kinds) = parse::fields(&mut input, &mut errors) else {
        return expand::with_original(errors, &input, site, life, &opts);
    };

    let dep_names: Vec<crate::wire::Dep> = kinds
        .iter()
        .filter_map(|k| match k {
            parse::FieldKind::Dep(t) => Some(crate::util::dep(t)),
            parse::FieldKind::Default => None,
        })
        .collect();
    let manifest = expand::manifest(&input, site, life, &opts, dep_names, !errors.is_empty());
    if !errors.is_empty() {
        let errs = errors_to_tokens(errors);
        return quote!(#errs #input #manifest);
    }

    let construct = expand::construct_impl(&input, &kinds, &krate, life);
    let provider = expand::provider(&input, &krate, &opts);
    quote! {
        #input
        #provider
        #construct
        #manifest
    }
}
