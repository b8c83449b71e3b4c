//! The macros of [modkit](https://docs.rs/modkit). Depend on `modkit`, which re-exports them.

use proc_macro::TokenStream;

mod args;
mod chain;
mod config;
mod diag;
mod injectable;
mod join;
mod module;
mod provider;
#[cfg(test)]
mod snapshots;
mod util;
mod wire;

fn site(item: &TokenStream) -> util::Site {
    let span = item.clone().into_iter().find_map(|tt| match tt {
        proc_macro::TokenTree::Ident(i)
            if !matches!(
                i.to_string().as_str(),
                "pub"
                    | "struct"
                    | "enum"
                    | "union"
                    | "crate"
                    | "in"
                    | "self"
                    | "super"
                    | "fn"
                    | "async"
                    | "const"
                    | "unsafe"
                    | "extern"
            ) =>
        {
            Some(i.span())
        }
        _ => None,
    });
    let span = span.unwrap_or_else(proc_macro::Span::call_site);
    util::Site {
        krate: std::env::var("CARGO_CRATE_NAME").unwrap_or_default(),
        file: span.file(),
        line: span.line(),
        column: span.column(),
    }
}

/// Makes a struct a provider: its `Arc<T>` fields are its dependencies.
///
/// See the crate docs of `modkit` for the full reference.
#[proc_macro_attribute]
pub fn injectable(args: TokenStream, item: TokenStream) -> TokenStream {
    let site = site(&item);
    injectable::expand(args.into(), &item.into(), &site).into()
}

/// Makes a unit struct a module: `imports`, `providers`, `exports`.
///
/// See the crate docs of `modkit` for the full reference.
#[proc_macro_attribute]
pub fn module(args: TokenStream, item: TokenStream) -> TokenStream {
    let site = site(&item);
    module::expand(args.into(), &item.into(), &site).into()
}

/// Makes a function a provider: its `Arc<T>` parameters are its dependencies, its return value
/// (or the `Ok` of its `Result`) the provided value.
///
/// See the crate docs of `modkit` for the full reference.
#[proc_macro_attribute]
pub fn provider(args: TokenStream, item: TokenStream) -> TokenStream {
    let site = site(&item);
    provider::expand(args.into(), &item.into(), &site).into()
}

/// Declares a config type's schema: `#[derive(serde::Deserialize, modkit::Config)]`.
///
/// See `modkit::config` (the `config` feature of `modkit`) for the full reference.
#[proc_macro_derive(Config, attributes(config))]
pub fn derive_config(item: TokenStream) -> TokenStream {
    config::derive(item.into()).into()
}

#[doc(hidden)]
#[proc_macro]
pub fn __join(input: TokenStream) -> TokenStream {
    join::expand(input.into()).into()
}
