//! `#[module(..)]`: parse the arguments and the struct, check what one invocation can see, and
//! start the chain that ends in [`crate::join`].

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;

use crate::util::{Site, errors_to_tokens, macro_path, pretty, same_tokens};
use crate::wire::{self, ExportSpec, ProviderSpec};

const KEYS: &[&str] = &["imports", "providers", "values", "exports", "crate"];

/// One entry of a list: `Type`, `Type as dyn Trait` (a binding) or `dyn Trait = Type` (an alias).
struct ListEntry {
    ty: syn::Type,
    tail: Option<(Tail, syn::Type)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tail {
    As,
    Eq,
}

impl Parse for ListEntry {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let ty: syn::Type = input.parse()?;
        let tail = if input.peek(syn::Token![as]) {
            input.parse::<syn::Token![as]>()?;
            Some((Tail::As, input.parse()?))
        } else if input.peek(syn::Token![=]) {
            input.parse::<syn::Token![=]>()?;
            Some((Tail::Eq, input.parse()?))
        } else {
            None
        };
        Ok(ListEntry { ty, tail })
    }
}

/// `key = [..]` or `crate = path`, as written.
struct Entry {
    key: syn::Ident,
    value: Value,
}

enum Value {
    List(Punctuated<ListEntry, syn::Token![,]>),
    Path(syn::Path),
}

struct RawArgs(Vec<Entry>);

impl Parse for RawArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut entries = Vec::new();
        while !input.is_empty() {
            let key: syn::Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|e| {
                syn::Error::new(e.span(), "expected `key = [..]`: the keys of `#[module]` are `imports`, `providers`, `values`, `exports` and `crate`")
            })?;
            if !input.peek(syn::Token![=]) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("expected `=` after `{key}`: write `{key} = [A, B]`"),
                ));
            }
            input.parse::<syn::Token![=]>()?;
            let value = if key == "crate" {
                Value::Path(input.parse().map_err(|e| {
                    syn::Error::new(e.span(), "expected a path: `crate = ::modkit`")
                })?)
            } else if input.peek(syn::token::Bracket) {
                let content;
                syn::bracketed!(content in input);
                Value::List(Punctuated::parse_terminated(&content).map_err(|e| {
                    syn::Error::new(e.span(), format!("expected a type in `{key} = [..]`: entries are types or modules separated by commas"))
                })?)
            } else {
                let bad: TokenStream = input.step(|c| {
                    let mut rest = *c;
                    let mut out = TokenStream::new();
                    while let Some((tt, next)) = rest.token_tree() {
                        if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                            break;
                        }
                        out.extend([tt]);
                        rest = next;
                    }
                    Ok((out, rest))
                })?;
                return Err(syn::Error::new_spanned(
                    &bad,
                    format!(
                        "`{key}` takes a list in brackets: write `{key} = [{}]`",
                        pretty(&bad)
                    ),
                ));
            };
            entries.push(Entry { key, value });
            if input.is_empty() {
                break;
            }
            input.parse::<syn::Token![,]>()?;
        }
        Ok(RawArgs(entries))
    }
}

/// The validated arguments.
#[derive(Default)]
struct Args {
    imports: Vec<syn::Type>,
    providers: Vec<ProviderSpec>,
    values: Vec<syn::Type>,
    exports: Vec<syn::Type>,
    krate: Option<syn::Path>,
}

/// The entries of a list that takes plain types only.
fn plain(
    key: &str,
    list: Punctuated<ListEntry, syn::Token![,]>,
    errors: &mut Vec<syn::Error>,
) -> Vec<syn::Type> {
    list.into_iter()
        .map(|e| {
            if let Some((tail, t)) = &e.tail {
                let what = if *tail == Tail::As { "`as` (a binding)" } else { "`=` (an alias)" };
                errors.push(syn::Error::new_spanned(
                    t,
                    format!(
                        "{what} is written in `providers = [..]`, and this is `{key} = [..]`\n\
                         `{key}` lists types only; fix: move the entry to `providers = [..]`, or write just `{}`",
                        pretty(&e.ty)
                    ),
                ));
            }
            e.ty
        })
        .collect()
}

fn provider_entries(
    list: Punctuated<ListEntry, syn::Token![,]>,
    errors: &mut Vec<syn::Error>,
) -> Vec<ProviderSpec> {
    let mut out = Vec::new();
    for e in list {
        match e.tail {
            None => out.push(ProviderSpec::Plain(e.ty)),
            Some((Tail::As, target)) => {
                if matches!(target, syn::Type::TraitObject(_)) {
                    out.push(ProviderSpec::Bind(e.ty, target));
                } else {
                    errors.push(syn::Error::new_spanned(
                        &target,
                        format!(
                            "`{} as {}` binds a provider to `{}`, which is not a trait object\n\
                             a binding makes the provider visible as `dyn Trait` only; fix: write `{} as dyn Trait`",
                            pretty(&e.ty), pretty(&target), pretty(&target), pretty(&e.ty)
                        ),
                    ));
                }
            }
            Some((Tail::Eq, target)) => {
                if matches!(e.ty, syn::Type::TraitObject(_)) {
                    out.push(ProviderSpec::Alias(e.ty, target));
                } else {
                    errors.push(syn::Error::new_spanned(
                        &e.ty,
                        format!(
                            "`{} = {}` is an alias, and an alias names a trait object\n\
                             an alias makes an existing provider visible also as `dyn Trait`, the same instance; \
                             fix: write `dyn Trait = {}`",
                            pretty(&e.ty), pretty(&target), pretty(&target)
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn validate_args(raw: RawArgs, errors: &mut Vec<syn::Error>) -> Args {
    let mut args = Args::default();
    let mut seen: Vec<String> = Vec::new();
    for Entry { key, value } in raw.0 {
        let k = key.to_string();
        if seen.contains(&k) {
            errors.push(syn::Error::new(
                key.span(),
                format!("`{k}` is given twice; list every entry in one `{k} = [..]`"),
            ));
            continue;
        }
        seen.push(k.clone());
        match (k.as_str(), value) {
            ("imports", Value::List(l)) => args.imports = plain("imports", l, errors),
            ("providers", Value::List(l)) => args.providers = provider_entries(l, errors),
            ("values", Value::List(l)) => args.values = plain("values", l, errors),
            ("exports", Value::List(l)) => args.exports = plain("exports", l, errors),
            ("crate", Value::Path(p)) => args.krate = Some(p),
            _ => {
                let alts = darling::Error::unknown_field_with_alts(&k, KEYS);
                errors.push(syn::Error::new(
                    key.span(),
                    format!("{alts}\n`#[module]` takes `imports = [..]`, `providers = [..]`, `values = [..]`, `exports = [..]` and `crate = path`"),
                ));
            }
        }
    }
    args
}

pub(crate) fn expand(args: TokenStream, item: &TokenStream, site: &Site) -> TokenStream {
    let mut errors = Vec::new();
    let args = match syn::parse2::<RawArgs>(args) {
        Ok(raw) => validate_args(raw, &mut errors),
        Err(e) => {
            errors.push(e);
            Args::default()
        }
    };
    let input: syn::DeriveInput = match syn::parse2(item.clone()) {
        Ok(i) => i,
        Err(e) => {
            let err = e.to_compile_error();
            return quote!(#err #item);
        }
    };
    let name = &input.ident;
    match &input.data {
        syn::Data::Struct(s) if s.fields.is_empty() => {}
        syn::Data::Struct(s) => errors.push(syn::Error::new(
            s.fields.span(),
            format!(
                "module `{name}` has fields, and a module struct must not have any\n\
                 `#[module]` generates the module's fields (its built providers); \
                 fix: declare it as `struct {name};` and put state in a provider"
            ),
        )),
        syn::Data::Enum(e) => errors.push(syn::Error::new(
            e.enum_token.span,
            format!("`#[module]` goes on a unit struct, and `{name}` is an enum; fix: `pub struct {name};`"),
        )),
        syn::Data::Union(u) => errors.push(syn::Error::new(
            u.union_token.span,
            format!("`#[module]` goes on a unit struct, and `{name}` is a union; fix: `pub struct {name};`"),
        )),
    }
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            format!(
                "module `{name}` has generic parameters, and a module cannot have any\n\
                 each module is built once per app, under one type; fix: declare one module per instantiation"
            ),
        ));
    }

    let links = check_lists(&args, name, &mut errors);
    let Links {
        providers,
        imports,
        lookups,
        exports,
    } = links;
    let krate = args
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::modkit));
    let vis = &input.vis;
    let public = matches!(vis, syn::Visibility::Public(_));
    let id = format!(
        "{}::{name}#{}",
        site.krate,
        site.hash("module", &name.to_string())
    );
    let spec = wire::Spec {
        krate: quote!(#krate),
        vis: quote!(#vis),
        name: name.clone(),
        id,
        public,
        providers: args.providers.clone(),
        values: args.values.clone(),
        imports: args.imports.clone(),
        exports,
    };
    if !errors.is_empty() {
        return fallback(errors, &input, &spec);
    }
    let spec = quote::ToTokens::to_token_stream(&spec);
    let mut chain: Vec<TokenStream> = Vec::new();
    chain.extend(providers);
    chain.extend(imports);
    chain.extend(lookups);
    let join = quote!(#krate::__private::__join);
    let chain = crate::chain::start(&chain, &join, &spec);
    // The struct exists at once, whatever happens to the chain: its contents come from the join.
    // If the chain never completes (an import cycle stalls it), `Wired` names the module.
    let attrs = input.attrs.iter().filter(|a| !a.path().is_ident("module"));
    quote! {
        #(#attrs)*
        #vis struct #name {
            __modkit: <#name as #krate::__private::Wired>::Parts,
        }
        #chain
    }
}

/// The companion macros a module's chain calls, and its classified exports.
struct Links {
    providers: Vec<TokenStream>,
    imports: Vec<TokenStream>,
    /// One per `ExportSpec::Lookup`, in order.
    lookups: Vec<TokenStream>,
    exports: Vec<ExportSpec>,
}

fn link(ty: &syn::Type, list: &str, errors: &mut Vec<syn::Error>) -> TokenStream {
    if let Some(p) = macro_path(ty) {
        quote_spanned!(ty.span()=> #p)
    } else {
        errors.push(syn::Error::new_spanned(
            ty,
            format!(
                "`{}` cannot be listed in `{list} = [..]`: entries name a struct by its path, \
                 such as `UserService`, `crate::users::UserModule` or `Repo<User>`",
                pretty(ty)
            ),
        ));
        TokenStream::new()
    }
}

fn check_lists(args: &Args, name: &syn::Ident, errors: &mut Vec<syn::Error>) -> Links {
    let mut providers = Vec::new();
    let provided: Vec<&syn::Type> = args
        .providers
        .iter()
        .map(ProviderSpec::provided)
        .chain(&args.values)
        .collect();
    for (i, ty) in provided.iter().enumerate() {
        if provided[..i].iter().any(|t| same_tokens(t, ty)) {
            errors.push(syn::Error::new_spanned(
                ty,
                format!(
                    "`{}` is listed twice in `providers = [..]` or `values = [..]` of module `{name}`\n\
                     a module builds one instance of each provider; fix: remove the second entry",
                    pretty(ty)
                ),
            ));
        }
    }
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
                    errors.push(syn::Error::new_spanned(
                        target,
                        format!(
                            "the alias `{} = {}` names `{}`, which is not a provider of module `{name}`\n\
                             an alias makes one of the module's own providers visible under a second type; \
                             fix: add `{}` to `providers = [..]` of `{name}`, or bind it with `{} as {}`",
                            pretty(d), pretty(target), pretty(target), pretty(target), pretty(target), pretty(d)
                        ),
                    ));
                }
            }
        }
    }
    let mut imports = Vec::new();
    for (j, ty) in args.imports.iter().enumerate() {
        if same_tokens(ty, name) {
            errors.push(syn::Error::new_spanned(ty,
                format!(
                    "module `{name}` imports itself\n\
                     imports form a tree without cycles: `{name} -> {name}`; fix: remove `{name}` from its own `imports = [..]`"
                ),
            ));
            continue;
        }
        if args.imports[..j].iter().any(|t| same_tokens(t, ty)) {
            errors.push(syn::Error::new_spanned(ty,
                format!(
                    "`{}` is listed twice in `imports = [..]` of module `{name}`; fix: remove the second entry",
                    pretty(ty)
                ),
            ));
            continue;
        }
        imports.push(link(ty, "imports", errors));
    }
    let mut exports = Vec::new();
    let mut lookups = Vec::new();
    for (k, ty) in args.exports.iter().enumerate() {
        if args.exports[..k].iter().any(|t| same_tokens(t, ty)) {
            errors.push(syn::Error::new_spanned(ty,
                format!(
                    "`{}` is listed twice in `exports = [..]` of module `{name}`; fix: remove the second entry",
                    pretty(ty)
                ),
            ));
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
            errors.push(syn::Error::new_spanned(
                ty,
                format!(
                    "module `{name}` exports `{}`, which it binds as `{}`: the binding is visible only as the trait object\n\
                     fix: export `{}`, or list `{}` without `as` to provide the concrete type",
                    pretty(ty), pretty(p), pretty(p), pretty(ty)
                ),
            ));
        } else {
            let link = link(ty, "exports", errors);
            lookups.push(link);
            exports.push(ExportSpec::Lookup(ty.clone()));
        }
    }
    Links {
        providers,
        imports,
        lookups,
        exports,
    }
}

/// On error: the errors, the struct as written so that the rest of the crate still names it, and
/// the stub of a module that failed, so that its importers and `main` stay quiet.
fn fallback(errors: Vec<syn::Error>, input: &syn::DeriveInput, spec: &wire::Spec) -> TokenStream {
    let errs = errors_to_tokens(errors);
    let mut input = input.clone();
    input.attrs.retain(|a| !a.path().is_ident("module"));
    let stub = input
        .generics
        .params
        .is_empty()
        .then(|| crate::join::stub::impls(spec));
    quote!(#errs #input #stub)
}
