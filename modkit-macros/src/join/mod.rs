//! `__join!`: the last link of a module's chain. It sees the module's own lists and the payload of
//! every provider and import, so it can check what needs all of them at once and write the module.
//!
//! The stages, one file each: [`crate::wire`] parses the chain, [`check`] builds the [`model`] and
//! applies every rule, [`layout`] takes every decision about the generated code, [`expand`]
//! writes it. [`stub`] holds what `#[module]` writes at once and the companion of a module that
//! failed, so that one mistake is one error.

mod check;
mod collections;
pub(crate) mod expand;
mod layout;
pub(crate) mod model;
pub(crate) mod stub;

use proc_macro2::TokenStream;

use crate::util::errors_to_tokens;
use crate::wire::{ChainInput, Payload};

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let ChainInput { spec, payloads } = match syn::parse2::<ChainInput>(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    // A provider or import that failed has reported its own error: this module stays quiet.
    let broken = payloads.iter().any(|p| match p {
        Payload::Provider(p) => p.broken,
        Payload::Module(m) => m.broken,
    });
    if broken {
        return stub::broken_companion(&spec);
    }
    let mut errors = Vec::new();
    let model = check::check(&spec, payloads, &mut errors);
    if !errors.is_empty() {
        let errs = errors_to_tokens(errors);
        let companion = stub::broken_companion(&spec);
        return quote::quote!(#errs #companion);
    }
    let layout = layout::plan(&spec, &model);
    expand::module(&spec, &model, &layout)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// A manifest entry with a field missing (only a hand-written call can produce one) is an
    /// error, not an index out of bounds.
    #[test]
    fn short_manifest_entry_is_an_error_not_a_panic() {
        let input = quote! {
            @modkit_chain {} {
                (spec krate = [::modkit] vis = [pub] name = AppModule id = "a#1" public = true
                    providers = [] values = [] seeds = [] imports = [[LoggerModule]] exports = [] config = [] global = false)
                (module id = "l#2" name = "LoggerModule" public = true is_async = false
                    exports = [(export k = 0 key = "k")] privates = [] seen = [] values = [] seeded = false globals = [] global_exports = [] needs_globals = false broken = false)
            }
        };
        let out = super::expand(input).to_string();
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("missing field"), "{out}");
    }

    /// A hand-written call whose module id has no `#hex` tail (found by fuzzing) is expanded,
    /// not a panic on an invalid identifier.
    #[test]
    fn odd_module_id_is_not_a_panic() {
        let input = quote! {
            @modkit_chain {} {
                (spec krate = [::modkit] vis = [pub] name = M id = "?" public = true
                    providers = [] values = [] seeds = [] imports = [] exports = [] config = [] global = false)
            }
        };
        let out = super::expand(input).to_string();
        assert!(out.contains("__modkit_mod_M_"), "{out}");
    }
}
