//! The chain: how `#[module]` learns what it cannot see.
//!
//! A macro invocation sees only its own item. So `#[injectable]` and `#[module]` each leave a
//! companion `macro_rules!` under the item's own name (the macro namespace is free: a struct
//! lives in the type namespace). Each companion, when called with
//! `@modkit_chain { [next] [rest..] } { acc.. }`, appends its payload to `acc` and calls `next`.
//! `#[module]` starts a chain through the companions of everything it lists; the last link is
//! `modkit::__private::__join!`, which then sees every payload and writes the module.

use proc_macro2::TokenStream;
use quote::quote;

/// A `#[macro_export]`ed `macro_rules!` named `hidden`, re-exported as `public` with `vis`.
///
/// The macro is defined inside a module of its own (named `hidden` too): a `macro_rules!` is in
/// textual scope until the end of the module that defines it, and rustc looks a macro name up
/// through every textual scope before it, so hundreds of companions side by side in one module
/// made each macro call in it cost time in proportion to their number.
pub(crate) fn companion(
    hidden: &syn::Ident,
    public: &syn::Ident,
    vis: &syn::Visibility,
    payload: &TokenStream,
) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_snake_case)]
        mod #hidden {
            #[doc(hidden)]
            #[macro_export]
            macro_rules! #hidden {
                (@modkit_chain { [$($next:tt)*] $($rest:tt)* } { $($acc:tt)* }) => {
                    $($next)* ! { @modkit_chain { $($rest)* } { $($acc)* #payload } }
                };
            }
            #[doc(hidden)]
            pub use #hidden as #public;
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #hidden::#public;
    }
}

/// Calls the first of `links` (macro paths) with the rest and `acc`; `join` is the final link.
pub(crate) fn start(links: &[TokenStream], join: &TokenStream, acc: &TokenStream) -> TokenStream {
    let mut all: Vec<&TokenStream> = links.iter().collect();
    all.push(join);
    let first = all[0];
    let rest = &all[1..];
    quote! {
        #first ! { @modkit_chain { #([#rest])* } { #acc } }
    }
}
