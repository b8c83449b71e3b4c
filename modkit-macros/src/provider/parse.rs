//! The signature of a `#[provider]` function, checked: what modkit calls and what it gets back.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;

use crate::diag;
use crate::wire::Life;

/// A factory function as modkit sees it.
pub(super) struct Factory {
    /// The `T` of each `Arc<T>` parameter, in order.
    pub(super) params: Vec<syn::Type>,
    /// The provided type: the return type, or the `Ok` of its `Result`.
    pub(super) output: TokenStream,
    /// Returns `Result<T, E>`.
    pub(super) fallible: bool,
    pub(super) is_async: bool,
}

/// Checks the signature; errors are pushed, and the model is as complete as the signature allows.
pub(super) fn factory(sig: &syn::Signature, life: Life, errors: &mut Vec<syn::Error>) -> Factory {
    let name = &sig.ident;
    plain_fn(sig, errors);
    let params = params(sig, errors);
    let (output, fallible) = match &sig.output {
        syn::ReturnType::Default => {
            errors.push(diag::provider_returns_nothing(
                sig.paren_token.span.close(),
                name,
            ));
            (quote!(()), false)
        }
        syn::ReturnType::Type(_, ty) => match crate::util::result_ok(ty) {
            Some(ok) => (quote!(#ok), true),
            None => (quote!(#ty), false),
        },
    };
    let is_async = sig.asyncness.is_some();
    if life != Life::Singleton && (is_async || fallible) {
        let tokens = if is_async {
            quote!(#sig)
        } else {
            let o = &sig.output;
            quote!(#o)
        };
        errors.push(diag::provider_made_when_resolved(
            &tokens, name, is_async, life,
        ));
    }
    Factory {
        params,
        output,
        fallible,
        is_async,
    }
}

/// Not generic, not `unsafe`, not `extern`, not variadic.
fn plain_fn(sig: &syn::Signature, errors: &mut Vec<syn::Error>) {
    let name = &sig.ident;
    if let Some(g) = sig.generics.params.first() {
        errors.push(diag::provider_generic(g, name));
    }
    for (span, what) in [
        match &sig.safety {
            syn::Safety::Unsafe(t) => Some((t.span(), "`unsafe`")),
            _ => None,
        },
        sig.abi.as_ref().map(|t| (t.span(), "`extern`")),
        sig.variadic.as_ref().map(|t| (t.span(), "variadic")),
    ]
    .into_iter()
    .flatten()
    {
        errors.push(diag::provider_not_plain(span, name, what));
    }
}

/// The dependencies: every parameter is `Arc<T>`.
fn params(sig: &syn::Signature, errors: &mut Vec<syn::Error>) -> Vec<syn::Type> {
    let name = &sig.ident;
    let mut params = Vec::new();
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => errors.push(diag::provider_takes_self(r, name)),
            syn::FnArg::Typed(pt) => match crate::util::arc_inner(&pt.ty) {
                Some(dep) => params.push(dep.clone()),
                None => errors.push(diag::provider_param_not_arc(pt, name)),
            },
        }
    }
    params
}
