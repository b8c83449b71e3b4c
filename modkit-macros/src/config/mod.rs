//! `#[derive(Config)]`: read the struct, its `#[config(..)]` and the serde attributes that
//! change its keys or defaults (`parse`), write the `Config` impl with its schema and
//! validators (`expand`).

mod expand;
mod parse;

use proc_macro2::TokenStream;

use crate::util::errors_to_tokens;

pub(crate) fn derive(item: TokenStream) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(item) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Vec::new();
    let model = parse::model(&input, &mut errors);
    match model {
        Some(m) if errors.is_empty() => expand::config_impl(&m),
        _ => errors_to_tokens(errors),
    }
}
