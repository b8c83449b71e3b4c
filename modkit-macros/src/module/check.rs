//! What one `#[module]` invocation can check by itself: the shape of the struct, and its lists
//! (duplicates as spelled, aliases, self-imports, exports); the rest is the join's.

use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::spanned::Spanned;

use super::parse::Args;
use crate::diag;
use crate::util::{macro_path, same_tokens};
use crate::wire::{ExportSpec, ProviderSpec};

/// A module is a unit struct without generic parameters.
pub(super) fn item_shape(input: &syn::DeriveInput, errors: &mut Vec<syn::Error>) {
    let name = &input.ident;
    match &input.data {
        syn::Data::Struct(s) if s.fields.is_empty() => {}
        syn::Data::Struct(s) => errors.push(diag::module_has_fields(s.fields.span(), name)),
        syn::Data::Enum(e) => errors.push(diag::module_is_enum(e.enum_token.span, name)),
        syn::Data::Union(u) => errors.push(diag::module_is_union(u.union_token.span, name)),
    }
    if !input.generics.params.is_empty() {
        errors.push(diag::module_generic(input.generics.span(), name));
    }
}

/// The companion macros a module's chain calls, and its classified exports.
pub(super) struct Links {
    pub(super) providers: Vec<TokenStream>,
    pub(super) imports: Vec<TokenStream>,
    /// One per `ExportSpec::Lookup`, in order.
    pub(super) lookups: Vec<TokenStream>,
    pub(super) exports: Vec<ExportSpec>,
}

fn link(ty: &syn::Type, list: &str, errors: &mut Vec<syn::Error>) -> TokenStream {
    if let Some(p) = macro_path(ty) {
        quote_spanned!(ty.span()=> #p)
    } else {
        errors.push(diag::module_not_a_path(ty, list));
        TokenStream::new()
    }
}

pub(super) fn check_lists(args: &Args, name: &syn::Ident, errors: &mut Vec<syn::Error>) -> Links {
    let provided: Vec<&syn::Type> = args
        .providers
        .iter()
        .map(ProviderSpec::provided)
        .chain(&args.values)
        .chain(&args.seeds)
        .collect();
    let providers = check_providers(args, &provided, name, errors);
    let imports = check_imports(args, name, errors);
    let (exports, lookups) = check_exports(args, &provided, name, errors);
    Links {
        providers,
        imports,
        lookups,
        exports,
    }
}

/// `providers = [..]`, `values = [..]` and `seeds = [..]`: the links of the providers.
fn check_providers(
    args: &Args,
    provided: &[&syn::Type],
    name: &syn::Ident,
    errors: &mut Vec<syn::Error>,
) -> Vec<TokenStream> {
    for (i, ty) in provided.iter().enumerate() {
        if provided[..i].iter().any(|t| same_tokens(t, ty)) {
            errors.push(diag::module_provided_twice(ty, name));
        }
    }
    let mut providers = Vec::new();
    for e in &args.providers {
        match e {
            ProviderSpec::Plain(ty) | ProviderSpec::Bind(ty, _) => {
                providers.push(link(ty, "providers", errors));
            }
            ProviderSpec::Alias(d, target) => {
                if !args
                    .providers
                    .iter()
                    .any(|p| matches!(p, ProviderSpec::Plain(t) if same_tokens(t, target)))
                {
                    errors.push(diag::module_alias_target_unknown(target, d, name));
                }
            }
        }
    }
    providers
}

/// `imports = [..]`: the links of the imported modules.
fn check_imports(args: &Args, name: &syn::Ident, errors: &mut Vec<syn::Error>) -> Vec<TokenStream> {
    let mut imports = Vec::new();
    for (j, ty) in args.imports.iter().enumerate() {
        if same_tokens(ty, name) {
            errors.push(diag::imports_itself(ty, name));
            continue;
        }
        if args.imports[..j].iter().any(|t| same_tokens(t, ty)) {
            errors.push(diag::module_listed_twice(ty, "imports", name));
            continue;
        }
        imports.push(link(ty, "imports", errors));
    }
    imports
}

/// `exports = [..]`, classified, and the links of the exports the join looks up.
fn check_exports(
    args: &Args,
    provided: &[&syn::Type],
    name: &syn::Ident,
    errors: &mut Vec<syn::Error>,
) -> (Vec<ExportSpec>, Vec<TokenStream>) {
    let mut exports = Vec::new();
    let mut lookups = Vec::new();
    for (k, ty) in args.exports.iter().enumerate() {
        if args.exports[..k].iter().any(|t| same_tokens(t, ty)) {
            errors.push(diag::module_listed_twice(ty, "exports", name));
            continue;
        }
        if provided.iter().any(|t| same_tokens(*t, ty)) {
            exports.push(ExportSpec::Provider(ty.clone()));
        } else if args.imports.iter().any(|t| same_tokens(t, ty)) {
            exports.push(ExportSpec::Import(ty.clone()));
        } else if matches!(ty, syn::Type::TraitObject(_)) {
            exports.push(ExportSpec::Spelled(ty.clone()));
        } else if let Some(p) = args.providers.iter().find_map(|p| match p {
            ProviderSpec::Bind(t, d) if same_tokens(t, ty) => Some(d),
            _ => None,
        }) {
            errors.push(diag::module_export_bound(ty, p, name));
        } else {
            let link = link(ty, "exports", errors);
            lookups.push(link);
            exports.push(ExportSpec::Lookup(ty.clone()));
        }
    }
    (exports, lookups)
}
