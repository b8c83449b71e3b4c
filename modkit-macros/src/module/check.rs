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
///
/// A generic module is one mistake, one error: its fields (the `PhantomData` Rust asks of an
/// unused parameter) come with the parameters and are not reported besides.
pub(super) fn item_shape(input: &syn::DeriveInput, errors: &mut Vec<syn::Error>) {
    let name = &input.ident;
    if !input.generics.params.is_empty() {
        errors.push(diag::module_generic(input.generics.span(), name));
        return;
    }
    match &input.data {
        syn::Data::Struct(s) if s.fields.is_empty() => {}
        syn::Data::Struct(s) => errors.push(diag::module_has_fields(s.fields.span(), name)),
        syn::Data::Enum(e) => errors.push(diag::module_is_enum(e.enum_token.span, name)),
        syn::Data::Union(u) => errors.push(diag::module_is_union(u.union_token.span, name)),
    }
}

/// The companion macros a module's chain calls, and its classified exports.
pub(super) struct Links {
    pub(super) providers: Vec<TokenStream>,
    pub(super) imports: Vec<TokenStream>,
    /// One per `contribute = [..]` entry, in order.
    pub(super) contributions: Vec<TokenStream>,
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
    check_config(args, &provided, name, errors);
    let providers = check_providers(args, &provided, name, errors);
    // The config is a provider of the module: it may be exported.
    let provided: Vec<&syn::Type> = provided.into_iter().chain(&args.config).collect();
    let imports = check_imports(args, name, errors);
    let contributions = check_contributions(args, name, errors);
    let (exports, lookups) = check_exports(args, &provided, name, errors);
    Links {
        providers,
        imports,
        contributions,
        lookups,
        exports,
    }
}

/// `contribute = [..]`: the links of the contributing providers; one entry listed twice.
fn check_contributions(
    args: &Args,
    name: &syn::Ident,
    errors: &mut Vec<syn::Error>,
) -> Vec<TokenStream> {
    let mut links = Vec::new();
    for (i, c) in args.contribute.iter().enumerate() {
        let same = |d: &crate::wire::ContributionSpec| {
            same_tokens(&d.ty, &c.ty)
                && d.into.len() == c.into.len()
                && d.into.iter().zip(&c.into).all(|(a, b)| same_tokens(a, b))
                && d.key == c.key
        };
        if args.contribute[..i].iter().any(same) {
            errors.push(diag::module_listed_twice(&c.ty, "contribute", name));
            continue;
        }
        links.push(link(&c.ty, "contribute", errors));
    }
    links
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
        } else if crate::util::collection_of(ty).is_some() {
            exports.push(ExportSpec::Collection(ty.clone()));
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

/// `config = ..` and `name = ".."`: the config is not also a provider or a value; the name is
/// a key (`[db]`, `DB__..`) and names a config.
fn check_config(
    args: &Args,
    provided: &[&syn::Type],
    name: &syn::Ident,
    errors: &mut Vec<syn::Error>,
) {
    if let Some(c) = &args.config
        && let Some(other) = provided.iter().find(|t| same_tokens(t, c))
    {
        errors.push(diag::config_also_provided(other, name));
    }
    if let Some(n) = &args.name {
        if args.config.is_none() {
            errors.push(diag::config_name_without_config(n, name));
        } else if !valid_name(&n.value()) {
            errors.push(diag::config_bad_name(n));
        }
    }
}

/// A config name: lowercase letters, digits and `_`, starting with a letter.
fn valid_name(n: &str) -> bool {
    n.starts_with(|c: char| c.is_ascii_lowercase())
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The default config name: the struct's name without a `Module` suffix, in snake case
/// (`UserAuthModule` -> `user_auth`).
pub(super) fn config_name(args: &Args, name: &syn::Ident) -> String {
    if let Some(n) = &args.name {
        return n.value();
    }
    let s = name.to_string();
    let s = s
        .strip_suffix("Module")
        .filter(|s| !s.is_empty())
        .unwrap_or(&s);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
