//! `#[module(..)]`: parse the arguments and the struct (`parse`), check what one invocation can
//! see (`check`), and start the chain that ends in [`crate::join`] (`expand`).

mod check;
mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::quote;

use crate::util::Site;

pub(crate) fn expand(args: TokenStream, item: &TokenStream, site: &Site) -> TokenStream {
    let mut errors = Vec::new();
    let args = match syn::parse2::<parse::RawArgs>(args) {
        Ok(raw) => parse::validate_args(raw, &mut errors),
        Err(e) => {
            errors.push(e);
            parse::Args::default()
        }
    };
    let input: syn::DeriveInput = match syn::parse2(item.clone()) {
        Ok(i) => i,
        Err(e) => {
            let err = e.to_compile_error();
            return quote!(#err #item);
        }
    };
    check::item_shape(&input, &mut errors);
    let links = check::check_lists(&args, &input.ident, &mut errors);
    expand::module(&args, links, &input, site, errors)
}
