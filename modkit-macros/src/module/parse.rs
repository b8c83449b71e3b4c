//! The arguments of `#[module(..)]`: parsed as written ([`RawArgs`]), then validated ([`Args`]).

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;

use crate::diag;
use crate::wire::{CollectSpec, ContributionSpec, ProviderSpec};

const KEYS: &[&str] = &[
    "imports",
    "providers",
    "values",
    "seeds",
    "exports",
    "config",
    "name",
    "crate",
    "global",
    "resolve",
    "contribute",
    "collect",
];

/// One entry of a list: `Type`, `Type as dyn Trait` (a binding), `dyn Trait = Type` (an alias)
/// or `Type from Module` (a chosen collision).
struct ListEntry {
    ty: syn::Type,
    tail: Option<(Tail, syn::Type)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tail {
    As,
    Eq,
    From,
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
        } else if input.peek(syn::Ident) && input.fork().parse::<syn::Ident>()? == "from" {
            input.parse::<syn::Ident>()?;
            Some((Tail::From, input.parse()?))
        } else {
            None
        };
        Ok(ListEntry { ty, tail })
    }
}

/// One entry of `contribute = [..]`: `["key" =>] Provider [as dyn Trait]`.
struct ContribEntry {
    key: Option<syn::LitStr>,
    entry: ListEntry,
}

impl Parse for ContribEntry {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key = if input.peek(syn::LitStr) {
            let key: syn::LitStr = input.parse()?;
            input.parse::<syn::Token![=>]>()?;
            Some(key)
        } else {
            None
        };
        Ok(ContribEntry {
            key,
            entry: input.parse()?,
        })
    }
}

/// `key = [..]` or `crate = path`, as written.
struct Entry {
    key: syn::Ident,
    value: Value,
}

enum Value {
    List(Punctuated<ListEntry, syn::Token![,]>),
    /// `contribute = [..]`.
    Contribs(Punctuated<ContribEntry, syn::Token![,]>),
    Path(syn::Path),
    /// `config = Type`.
    Type(syn::Type),
    /// `name = "db"`.
    Str(syn::LitStr),
    /// `global`: a key without a value.
    Flag,
}

pub(super) struct RawArgs(Vec<Entry>);

impl Parse for RawArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut entries = Vec::new();
        while !input.is_empty() {
            let key: syn::Ident = input
                .call(syn::ext::IdentExt::parse_any)
                .map_err(|e| diag::module_expected_key(e.span()))?;
            // An unknown key is the mistake, whatever its value looks like.
            if !KEYS.contains(&key.to_string().as_str()) {
                return Err(diag::module_unknown_key(&key, KEYS));
            }
            if key == "global" && (input.is_empty() || input.peek(syn::Token![,])) {
                entries.push(Entry {
                    key,
                    value: Value::Flag,
                });
                if input.is_empty() {
                    break;
                }
                input.parse::<syn::Token![,]>()?;
                continue;
            }
            if key == "global" {
                let value = up_to_comma(input)?;
                return Err(diag::module_flag_with_value(&key, &value));
            }
            if !input.peek(syn::Token![=]) {
                return Err(diag::module_expected_eq(&key));
            }
            input.parse::<syn::Token![=]>()?;
            let value = if key == "crate" {
                Value::Path(
                    input
                        .parse()
                        .map_err(|e| diag::module_expected_crate_path(e.span()))?,
                )
            } else if key == "config" {
                Value::Type(
                    input
                        .parse()
                        .map_err(|e| diag::module_expected_config(e.span()))?,
                )
            } else if key == "name" {
                Value::Str(
                    input
                        .parse()
                        .map_err(|e| diag::module_expected_name(e.span()))?,
                )
            } else if key == "contribute" && input.peek(syn::token::Bracket) {
                let content;
                syn::bracketed!(content in input);
                Value::Contribs(
                    Punctuated::parse_terminated(&content)
                        .map_err(|e| diag::module_expected_contribution(e.span()))?,
                )
            } else if input.peek(syn::token::Bracket) {
                let content;
                syn::bracketed!(content in input);
                Value::List(
                    Punctuated::parse_terminated(&content)
                        .map_err(|e| diag::module_expected_type(e.span(), &key))?,
                )
            } else {
                let bad = up_to_comma(input)?;
                return Err(diag::module_not_a_list(&bad, &key));
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

/// The tokens up to the next comma (or the end), consumed.
fn up_to_comma(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    input.step(|c| {
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
    })
}

/// The validated arguments.
#[derive(Default)]
pub(super) struct Args {
    pub(super) imports: Vec<syn::Type>,
    pub(super) providers: Vec<ProviderSpec>,
    pub(super) values: Vec<syn::Type>,
    /// Values of the unit of work a request scope is opened with: request-scoped, for the
    /// module's request-scoped providers.
    pub(super) seeds: Vec<syn::Type>,
    pub(super) exports: Vec<syn::Type>,
    pub(super) krate: Option<syn::Path>,
    /// `config = Type`: the module's config, a provider of the module.
    pub(super) config: Option<syn::Type>,
    /// `name = "db"`: the config's name.
    pub(super) name: Option<syn::LitStr>,
    /// `global`: the module's exports reach every module of an app that contains it.
    pub(super) global: bool,
    /// `resolve = [Logger from LoggingModule]`: which import's provider the module takes where
    /// two imports export one type.
    pub(super) resolve: Vec<crate::wire::ResolveSpec>,
    /// `contribute = [..]`: providers built into collections.
    pub(super) contribute: Vec<ContributionSpec>,
    /// `collect = [..]`: collections declared (they may be empty).
    pub(super) collect: Vec<CollectSpec>,
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
                errors.push(diag::module_tail_outside_providers(
                    t,
                    tail_word(*tail),
                    key,
                    &e.ty,
                ));
            }
            e.ty
        })
        .collect()
}

fn tail_word(tail: Tail) -> &'static str {
    match tail {
        Tail::As => "as",
        Tail::Eq => "=",
        Tail::From => "from",
    }
}

/// `resolve = [Type from Module, ..]`: every entry names the import it takes the type from.
fn resolve_entries(
    list: Punctuated<ListEntry, syn::Token![,]>,
    errors: &mut Vec<syn::Error>,
) -> Vec<crate::wire::ResolveSpec> {
    let mut out = Vec::new();
    for e in list {
        match e.tail {
            Some((Tail::From, import)) => out.push(crate::wire::ResolveSpec { ty: e.ty, import }),
            _ => errors.push(diag::module_resolve_without_from(&e.ty)),
        }
    }
    out
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
                    errors.push(diag::module_bind_not_dyn(&target, &e.ty));
                }
            }
            Some((Tail::Eq, target)) => {
                if matches!(e.ty, syn::Type::TraitObject(_)) {
                    out.push(ProviderSpec::Alias(e.ty, target));
                } else {
                    errors.push(diag::module_alias_not_dyn(&e.ty, &target));
                }
            }
            Some((Tail::From, target)) => {
                errors.push(diag::module_tail_outside_providers(
                    &target,
                    "from",
                    "providers",
                    &e.ty,
                ));
            }
        }
    }
    out
}

fn contributions(
    list: Punctuated<ContribEntry, syn::Token![,]>,
    errors: &mut Vec<syn::Error>,
) -> Vec<ContributionSpec> {
    let mut out = Vec::new();
    for ContribEntry { key, entry } in list {
        let into = match entry.tail {
            None => Vec::new(),
            Some((Tail::As, target)) if matches!(target, syn::Type::TraitObject(_)) => {
                vec![target]
            }
            Some((Tail::As, target)) => {
                errors.push(diag::contribute_not_dyn(&target, &entry.ty));
                continue;
            }
            Some((Tail::Eq, target)) => {
                errors.push(diag::contribute_alias(&target, &entry.ty));
                continue;
            }
            Some((Tail::From, target)) => {
                errors.push(diag::module_tail_outside_providers(
                    &target,
                    "from",
                    "contribute",
                    &entry.ty,
                ));
                continue;
            }
        };
        out.push(ContributionSpec {
            ty: entry.ty,
            into,
            key: key.iter().map(syn::LitStr::value).collect(),
        });
    }
    out
}

/// `collect = [All<T>, Keyed<T>]`.
fn collections(
    list: Punctuated<ListEntry, syn::Token![,]>,
    errors: &mut Vec<syn::Error>,
) -> Vec<CollectSpec> {
    plain("collect", list, errors)
        .into_iter()
        .filter_map(|ty| {
            if let Some((keyed, elem)) = crate::util::collection_of(&ty) {
                Some(CollectSpec { ty, keyed, elem })
            } else {
                errors.push(diag::collect_not_a_collection(&ty));
                None
            }
        })
        .collect()
}

pub(super) fn validate_args(raw: RawArgs, errors: &mut Vec<syn::Error>) -> Args {
    let mut args = Args::default();
    let mut seen: Vec<String> = Vec::new();
    for Entry { key, value } in raw.0 {
        let k = key.to_string();
        if seen.contains(&k) {
            errors.push(diag::module_key_twice(&key));
            continue;
        }
        seen.push(k.clone());
        match (k.as_str(), value) {
            ("imports", Value::List(l)) => args.imports = plain("imports", l, errors),
            ("providers", Value::List(l)) => args.providers = provider_entries(l, errors),
            ("values", Value::List(l)) => args.values = plain("values", l, errors),
            ("seeds", Value::List(l)) => args.seeds = plain("seeds", l, errors),
            ("exports", Value::List(l)) => args.exports = plain("exports", l, errors),
            ("crate", Value::Path(p)) => args.krate = Some(p),
            ("config", Value::Type(t)) => args.config = Some(t),
            ("name", Value::Str(n)) => args.name = Some(n),
            ("global", Value::Flag) => args.global = true,
            ("resolve", Value::List(l)) => args.resolve = resolve_entries(l, errors),
            ("contribute", Value::Contribs(l)) => args.contribute = contributions(l, errors),
            ("collect", Value::List(l)) => args.collect = collections(l, errors),
            _ => errors.push(diag::module_unknown_key(&key, KEYS)),
        }
    }
    args
}
