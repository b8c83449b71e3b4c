//! `__join!`: the last link of a module's chain. It sees the module's own lists and the payload of
//! every provider and import, so it can check what needs all of them at once (a provider given
//! twice under two spellings, two imports exporting one type, an export nobody provides) and write
//! the module: its struct, its builder, one `Resolve` impl per visible type, its exports, its
//! cycle check, its static description and its own companion macro.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;

use crate::provider::Life;
use crate::util::{errors_to_tokens, generic_args, pretty, same_tokens, short_name};

// ---------------------------------------------------------------------------------------------
// parse

struct Spec {
    krate: TokenStream,
    vis: TokenStream,
    name: syn::Ident,
    id: String,
    public: bool,
    providers: Vec<PEntry>,
    values: Vec<syn::Type>,
    imports: Vec<syn::Type>,
    exports: Vec<ExportSpec>,
}

/// A `providers = [..]` entry (see `crate::module::ProviderEntry`).
enum PEntry {
    Plain(syn::Type),
    Bind(syn::Type, syn::Type),
    Alias(syn::Type, syn::Type),
}

enum ExportSpec {
    Provider(syn::Type),
    Import(syn::Type),
    Lookup(syn::Type),
    Spelled(syn::Type),
}

/// What the chain brought back for one link.
enum Payload {
    Injectable {
        key: String,
        name: String,
        public: bool,
        generic: bool,
        factory: bool,
        life: Life,
        is_async: bool,
        hooks: bool,
        deps: Vec<String>,
    },
    Module(Manifest),
}

#[derive(Clone)]
struct Manifest {
    id: String,
    name: String,
    public: bool,
    is_async: bool,
    exports: Vec<MExport>,
    privates: Vec<MItem>,
    seen: Vec<MItem>,
    values: Vec<MItem>,
}

#[derive(Clone)]
struct MExport {
    k: usize,
    key: String,
    name: String,
    exact: bool,
    origin_id: String,
    origin: String,
    life: Life,
}

#[derive(Clone)]
struct MItem {
    k: usize,
    key: String,
    name: String,
}

struct Input {
    spec: Spec,
    payloads: Vec<Payload>,
}

fn kw(input: ParseStream<'_>, want: &str) -> syn::Result<()> {
    let id: syn::Ident = input.call(syn::ext::IdentExt::parse_any)?;
    if id == want {
        Ok(())
    } else {
        Err(syn::Error::new(
            id.span(),
            format!("modkit internal: expected `{want}`"),
        ))
    }
}

fn field<T: Parse>(input: ParseStream<'_>, name: &str) -> syn::Result<T> {
    kw(input, name)?;
    input.parse::<syn::Token![=]>()?;
    input.parse()
}

fn bracket(input: ParseStream<'_>, name: &str) -> syn::Result<TokenStream> {
    kw(input, name)?;
    input.parse::<syn::Token![=]>()?;
    let content;
    syn::bracketed!(content in input);
    content.parse()
}

fn types(ts: TokenStream) -> syn::Result<Vec<syn::Type>> {
    let mut out = Vec::new();
    for tt in ts {
        if let proc_macro2::TokenTree::Group(g) = tt {
            out.push(syn::parse2(g.stream())?);
        }
    }
    Ok(out)
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        input.parse::<syn::Token![@]>()?;
        kw(input, "modkit_chain")?;
        let _rest;
        syn::braced!(_rest in input);
        let acc;
        syn::braced!(acc in input);
        let spec_tokens;
        syn::parenthesized!(spec_tokens in acc);
        let spec = parse_spec(&spec_tokens)?;
        let mut payloads = Vec::new();
        while !acc.is_empty() {
            let p;
            syn::parenthesized!(p in acc);
            payloads.push(parse_payload(&p)?);
        }
        Ok(Input { spec, payloads })
    }
}

fn parse_spec(s: ParseStream<'_>) -> syn::Result<Spec> {
    kw(s, "spec")?;
    let krate = bracket(s, "krate")?;
    let vis = bracket(s, "vis")?;
    let name: syn::Ident = field(s, "name")?;
    let id: syn::LitStr = field(s, "id")?;
    let public: syn::LitBool = field(s, "public")?;
    let providers = tagged(bracket(s, "providers")?)?
        .into_iter()
        .map(|(kind, mut tys)| {
            let first = tys.remove(0);
            match (kind.to_string().as_str(), tys.pop()) {
                ("bind", Some(second)) => Ok(PEntry::Bind(first, second)),
                ("alias", Some(second)) => Ok(PEntry::Alias(first, second)),
                ("plain", None) => Ok(PEntry::Plain(first)),
                _ => Err(syn::Error::new(
                    kind.span(),
                    "modkit internal: bad provider entry",
                )),
            }
        })
        .collect::<syn::Result<_>>()?;
    let values = types(bracket(s, "values")?)?;
    let imports = types(bracket(s, "imports")?)?;
    let exports = tagged(bracket(s, "exports")?)?
        .into_iter()
        .map(|(kind, mut tys)| {
            let ty = tys.remove(0);
            match kind.to_string().as_str() {
                "provider" => Ok(ExportSpec::Provider(ty)),
                "import" => Ok(ExportSpec::Import(ty)),
                "lookup" => Ok(ExportSpec::Lookup(ty)),
                "spelled" => Ok(ExportSpec::Spelled(ty)),
                _ => Err(syn::Error::new(
                    kind.span(),
                    "modkit internal: bad export entry",
                )),
            }
        })
        .collect::<syn::Result<_>>()?;
    Ok(Spec {
        krate,
        vis,
        name,
        id: id.value(),
        public: public.value,
        providers,
        values,
        imports,
        exports,
    })
}

fn parse_payload(p: ParseStream<'_>) -> syn::Result<Payload> {
    let kind: syn::Ident = p.call(syn::ext::IdentExt::parse_any)?;
    if kind == "injectable" {
        let key: syn::LitStr = field(p, "key")?;
        let name: syn::Ident = field(p, "name")?;
        let public: syn::LitBool = field(p, "public")?;
        let generics: syn::LitInt = field(p, "generics")?;
        let factory: syn::LitBool = field(p, "factory")?;
        let life: syn::LitStr = field(p, "life")?;
        let is_async: syn::LitBool = field(p, "async")?;
        let hooks: syn::LitBool = field(p, "hooks")?;
        let deps = bracket(p, "deps")?
            .into_iter()
            .map(|tt| match tt {
                proc_macro2::TokenTree::Literal(l) => match syn::Lit::new(l) {
                    syn::Lit::Str(s) => Ok(s.value()),
                    l => Err(syn::Error::new(
                        l.span(),
                        "modkit internal: expected a name",
                    )),
                },
                tt => Err(syn::Error::new(
                    tt.span(),
                    "modkit internal: expected a name",
                )),
            })
            .collect::<syn::Result<Vec<String>>>()?;
        Ok(Payload::Injectable {
            key: key.value(),
            name: name.to_string(),
            public: public.value,
            generic: generics.base10_parse::<usize>()? > 0,
            factory: factory.value,
            life: life_of(&life)?,
            is_async: is_async.value,
            hooks: hooks.value,
            deps,
        })
    } else {
        let id: syn::LitStr = field(p, "id")?;
        let name: syn::LitStr = field(p, "name")?;
        let public: syn::LitBool = field(p, "public")?;
        let is_async: syn::LitBool = field(p, "async")?;
        let exports = tuples(bracket(p, "exports")?, 7)?
            .into_iter()
            .map(|t| -> syn::Result<MExport> {
                Ok(MExport {
                    k: int(&t[0])?,
                    key: string(&t[1])?,
                    name: string(&t[2])?,
                    exact: boolean(&t[3])?,
                    origin_id: string(&t[4])?,
                    origin: string(&t[5])?,
                    life: match &t[6] {
                        syn::Lit::Str(s) => life_of(s)?,
                        l => {
                            return Err(syn::Error::new(
                                l.span(),
                                "modkit internal: expected a lifetime",
                            ));
                        }
                    },
                })
            })
            .collect::<syn::Result<_>>()?;
        let items = |ts: TokenStream| -> syn::Result<Vec<MItem>> {
            tuples(ts, 3)?
                .into_iter()
                .map(|t| {
                    Ok(MItem {
                        k: int(&t[0])?,
                        key: string(&t[1])?,
                        name: string(&t[2])?,
                    })
                })
                .collect()
        };
        let privates = items(bracket(p, "privates")?)?;
        let seen = items(bracket(p, "seen")?)?;
        let values = items(bracket(p, "values")?)?;
        Ok(Payload::Module(Manifest {
            id: id.value(),
            name: name.value(),
            public: public.value,
            is_async: is_async.value,
            exports,
            privates,
            seen,
            values,
        }))
    }
}

/// The bracketed entries of a manifest list, each exactly `arity` literals.
fn tuples(ts: TokenStream, arity: usize) -> syn::Result<Vec<Vec<syn::Lit>>> {
    let mut out = Vec::new();
    for tt in ts {
        if let proc_macro2::TokenTree::Group(g) = tt {
            let lits = syn::parse::Parser::parse2(
                |s: ParseStream<'_>| {
                    let mut v = Vec::new();
                    while !s.is_empty() {
                        v.push(s.parse::<syn::Lit>()?);
                    }
                    Ok(v)
                },
                g.stream(),
            )?;
            if lits.len() != arity {
                return Err(syn::Error::new(
                    g.span(),
                    format!(
                        "modkit internal: a manifest entry has {} fields, expected {arity}",
                        lits.len()
                    ),
                ));
            }
            out.push(lits);
        }
    }
    Ok(out)
}

/// Entries `(kind [Type] [Type]..)` of a spec list: the kind and at least one type.
fn tagged(ts: TokenStream) -> syn::Result<Vec<(syn::Ident, Vec<syn::Type>)>> {
    syn::parse::Parser::parse2(
        |e: ParseStream<'_>| {
            let mut out = Vec::new();
            while !e.is_empty() {
                let c;
                syn::parenthesized!(c in e);
                let kind: syn::Ident = c.parse()?;
                let mut tys = Vec::new();
                while !c.is_empty() {
                    let t;
                    syn::bracketed!(t in c);
                    tys.push(t.parse()?);
                }
                if tys.is_empty() {
                    return Err(syn::Error::new(
                        kind.span(),
                        "modkit internal: an entry without a type",
                    ));
                }
                out.push((kind, tys));
            }
            Ok(out)
        },
        ts,
    )
}

fn life_of(s: &syn::LitStr) -> syn::Result<Life> {
    Life::parse_str(&s.value())
        .ok_or_else(|| syn::Error::new(s.span(), "modkit internal: unknown lifetime"))
}

fn int(l: &syn::Lit) -> syn::Result<usize> {
    match l {
        syn::Lit::Int(i) => i.base10_parse(),
        _ => Err(syn::Error::new(
            l.span(),
            "modkit internal: expected an integer",
        )),
    }
}
fn string(l: &syn::Lit) -> syn::Result<String> {
    match l {
        syn::Lit::Str(s) => Ok(s.value()),
        _ => Err(syn::Error::new(
            l.span(),
            "modkit internal: expected a string",
        )),
    }
}
fn boolean(l: &syn::Lit) -> syn::Result<bool> {
    match l {
        syn::Lit::Bool(b) => Ok(b.value),
        _ => Err(syn::Error::new(
            l.span(),
            "modkit internal: expected a bool",
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// model + check

#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one provider"
)]
struct Local {
    /// What the entry names: the struct or factory (plain, bind), the trait object (alias), the
    /// value type (value). Errors point at it.
    ty: syn::Type,
    /// The type the module provides under this entry.
    provided: TokenStream,
    /// The spelling `exports = [..]` matches: the listed type, or the trait object.
    spelled: syn::Type,
    key: String,
    exact: bool,
    name: String,
    /// Whether importers may name it in a hint (`ProviderAt`): see `hintable`.
    hintable: bool,
    kind: LKind,
    life: Life,
    is_async: bool,
    hooks: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LKind {
    /// An `#[injectable]` struct or a `#[provider]` function (possibly bound to a trait object).
    Built,
    /// A value supplied at build.
    Value,
    /// Another name for local provider `.0`.
    Alias(usize),
}

impl Local {
    /// `Impl as dyn Trait`: built as `Impl`, provided as the trait object.
    fn is_binding(&self) -> bool {
        self.kind == LKind::Built && self.spelled != self.ty
    }

    /// Whether the module keeps the built instance in a field.
    fn stored(&self) -> bool {
        self.life == Life::Singleton && !matches!(self.kind, LKind::Alias(_))
    }
}

/// A type the module sees through an import.
struct Seen {
    import: usize,
    k: usize,
    key: String,
    exact: bool,
    name: String,
    origin_id: String,
    origin: String,
    life: Life,
}

enum Hint {
    NotExported { import: usize, k: usize },
    OnlyThrough { import: usize, k: usize },
}

enum Export {
    Local(usize),
    Seen(usize),
}

struct Model {
    locals: Vec<Local>,
    imports: Vec<(syn::Type, Manifest)>,
    seen: Vec<Seen>,
    hints: Vec<Hint>,
    exports: Vec<Export>,
    /// Base names of the dependencies of transient and request-scoped providers.
    late_wanted: Vec<String>,
}

fn check(spec: &Spec, payloads: Vec<Payload>, errors: &mut Vec<syn::Error>) -> Model {
    let module = &spec.name;
    let mut payloads = payloads.into_iter();
    let mut locals: Vec<Local> = Vec::new();
    let mut aliases: Vec<(&syn::Type, &syn::Type)> = Vec::new();
    // The base names of every dependency of this module's providers: hints are written only
    // for types one of them may be asking for.
    let mut wanted: Vec<String> = Vec::new();
    // Those of its transient and request-scoped providers, which resolve them after the build.
    let mut late_wanted: Vec<String> = Vec::new();
    for entry in &spec.providers {
        let (ty, bind) = match entry {
            PEntry::Plain(t) => (t, None),
            PEntry::Bind(t, d) => (t, Some(d)),
            PEntry::Alias(d, t) => {
                aliases.push((d, t));
                continue;
            }
        };
        match payloads.next() {
            Some(Payload::Injectable { key, name: _, public, generic, factory, life, is_async, hooks, deps }) => {
                if life != Life::Singleton {
                    late_wanted.extend(deps.iter().cloned());
                }
                wanted.extend(deps);
                let args = generic_args(ty);
                let key = if args.is_empty() { key } else { format!("{key}{args}") };
                let (provided, spelled, key, exact, name) = match bind {
                    Some(d) => (quote!(#d), d.clone(), format!("dyn:{}", pretty(d)), false, pretty(d)),
                    None if factory => {
                        let p = &spec.krate;
                        (quote!(<#ty as #p::__private::Provider>::Output), ty.clone(), key, true, short_name(ty))
                    }
                    None => (quote!(#ty), ty.clone(), key, !generic, short_name(ty)),
                };
                if let Some(first) = locals.iter().find(|l| l.key == key) {
                    errors.push(syn::Error::new_spanned(ty,
                        format!(
                            "`{}` and `{}` name the same provider, listed twice in `providers = [..]` of module `{module}`\n\
                             a module builds one instance of each provider; fix: remove one of the two entries",
                            crate::util::pretty(ty),
                            crate::util::pretty(&first.ty),
                        ),
                    ));
                    continue;
                }
                let hintable = public || !spec.public;
                locals.push(Local {
                    ty: ty.clone(),
                    provided,
                    spelled,
                    key,
                    exact,
                    name,
                    hintable,
                    kind: LKind::Built,
                    life,
                    is_async,
                    hooks,
                });
            }
            Some(Payload::Module(m)) => errors.push(syn::Error::new_spanned(ty,
                format!(
                    "`{}` is a module, and `providers = [..]` of module `{module}` lists types to build\n\
                     fix: move `{}` to `imports = [..]` to use what it exports",
                    m.name, m.name
                ),
            )),
            None => errors.push(syn::Error::new_spanned(ty, "modkit internal: chain ended early")),
        }
    }
    for v in &spec.values {
        locals.push(Local {
            ty: v.clone(),
            provided: quote!(#v),
            spelled: v.clone(),
            key: format!("value:{}", pretty(v)),
            exact: false,
            name: short_name(v),
            hintable: false,
            kind: LKind::Value,
            life: Life::Singleton,
            is_async: false,
            hooks: false,
        });
    }
    for (d, t) in aliases {
        // The target is one of this module's providers (checked by `#[module]`).
        let Some(target) = locals
            .iter()
            .position(|l| l.kind == LKind::Built && same_tokens(&l.ty, t))
        else {
            continue;
        };
        let life = locals[target].life;
        locals.push(Local {
            ty: d.clone(),
            provided: quote!(#d),
            spelled: d.clone(),
            key: format!("dyn:{}", pretty(d)),
            exact: false,
            name: pretty(d),
            hintable: false,
            kind: LKind::Alias(target),
            life,
            is_async: false,
            hooks: false,
        });
    }
    let mut imports: Vec<(syn::Type, Manifest)> = Vec::new();
    for ty in &spec.imports {
        match payloads.next() {
            Some(Payload::Module(m)) => {
                if m.id == spec.id {
                    errors.push(syn::Error::new_spanned(ty,
                        format!("module `{module}` imports itself; fix: remove it from its own `imports = [..]`"),
                    ));
                } else if let Some((_, first)) = imports.iter().find(|(_, f)| f.id == m.id) {
                    errors.push(syn::Error::new_spanned(ty,
                        format!("module `{}` is imported twice by `{module}`; fix: remove the second entry", first.name),
                    ));
                } else {
                    imports.push((ty.clone(), m));
                }
            }
            Some(Payload::Injectable { name, .. }) => errors.push(syn::Error::new_spanned(ty,
                format!(
                    "`{name}` is an injectable, and `imports = [..]` of module `{module}` lists modules\n\
                     fix: move `{name}` to `providers = [..]`, or import the module that exports it"
                ),
            )),
            None => errors.push(syn::Error::new_spanned(ty, "modkit internal: chain ended early")),
        }
    }

    // What the imports export, local providers first (they shadow imports of the same type).
    let mut seen: Vec<Seen> = Vec::new();
    for (j, (ty, m)) in imports.iter().enumerate() {
        for e in &m.exports {
            if locals.iter().any(|l| l.key == e.key) {
                continue;
            }
            if let Some(prev) = seen.iter().find(|s| s.key == e.key) {
                if prev.origin_id != e.origin_id {
                    let (a, b) = (&imports[prev.import].1.name, &m.name);
                    errors.push(syn::Error::new_spanned(ty,
                        format!(
                            "`{}` reaches module `{module}` from two imports: `{a}` exports the one provided by `{}`, \
                             and `{b}` exports the one provided by `{}`\n\
                             modkit does not pick one of two providers silently; fix: remove one of the two imports, \
                             or add `{}` to `providers = [..]` of `{module}` (a module's own provider takes precedence over imported ones)",
                            e.name, prev.origin, e.origin, e.name
                        ),
                    ));
                }
                continue;
            }
            seen.push(Seen {
                import: j,
                k: e.k,
                key: e.key.clone(),
                exact: e.exact,
                name: e.name.clone(),
                origin_id: e.origin_id.clone(),
                origin: e.origin.clone(),
                life: e.life,
            });
        }
    }

    // Hints: types some import knows but does not hand to this module, and that a provider of
    // this module depends on by name. Each is a `Resolve` impl that exists only to fail with a
    // message naming the module that has the type; writing one per type an import knows would
    // cost every correct module compile time (a module then has two to three times as many
    // impls, which rustc checks pairwise for overlap). A type named by no dependency is asked
    // for only through `App::get`/`Scope::get`, which still fail with modkit's "cannot provide"
    // message, without naming the module that keeps it.
    let mut hints: Vec<Hint> = Vec::new();
    let mut hinted: Vec<String> = Vec::new();
    let base = |name: &str| name.split('<').next().unwrap_or(name).trim().to_owned();
    let known = |key: &str, name: &str, hinted: &Vec<String>| {
        locals.iter().any(|l| l.key == key)
            || seen.iter().any(|s| s.key == key)
            || hinted.iter().any(|h| h == key)
            || !wanted.contains(&base(name))
    };
    for (j, (_, m)) in imports.iter().enumerate() {
        for p in &m.privates {
            if !known(&p.key, &p.name, &hinted) {
                hinted.push(p.key.clone());
                hints.push(Hint::NotExported { import: j, k: p.k });
            }
        }
    }
    for (j, (_, m)) in imports.iter().enumerate() {
        for s in &m.seen {
            if !known(&s.key, &s.name, &hinted) {
                hinted.push(s.key.clone());
                hints.push(Hint::OnlyThrough { import: j, k: s.k });
            }
        }
    }

    // Exports: provider entries, whole imported modules, and types looked up by key.
    let mut exports: Vec<Export> = Vec::new();
    let push = |exports: &mut Vec<Export>, e: Export| {
        let dup = exports.iter().any(|x| match (x, &e) {
            (Export::Local(a), Export::Local(b)) | (Export::Seen(a), Export::Seen(b)) => a == b,
            _ => false,
        });
        if !dup {
            exports.push(e);
        }
    };
    for e in &spec.exports {
        match e {
            ExportSpec::Provider(ty) => {
                // Absent only when the provider itself was rejected above.
                if let Some(l) = locals.iter().position(|l| same_tokens(&l.spelled, ty)) {
                    push(&mut exports, Export::Local(l));
                }
            }
            ExportSpec::Spelled(ty) => {
                let key = format!("dyn:{}", pretty(ty));
                if let Some(l) = locals.iter().position(|l| l.key == key) {
                    push(&mut exports, Export::Local(l));
                } else if let Some(s) = seen.iter().position(|s| s.key == key) {
                    push(&mut exports, Export::Seen(s));
                } else {
                    errors.push(syn::Error::new_spanned(ty,
                        format!(
                            "module `{module}` exports `{0}`, which it neither provides nor imports from a module that exports it\n\
                             fix: bind a provider to it (`providers = [Impl as {0}]`), or import the module that exports `{0}`",
                            pretty(ty)
                        ),
                    ));
                }
            }
            ExportSpec::Import(ty) => {
                let Some((_, m)) = imports.iter().find(|(t, _)| crate::util::same_tokens(t, ty)) else { continue };
                for me in &m.exports {
                    if let Some(l) = locals.iter().position(|l| l.key == me.key) {
                        push(&mut exports, Export::Local(l));
                    } else if let Some(s) = seen.iter().position(|s| s.key == me.key) {
                        push(&mut exports, Export::Seen(s));
                    }
                }
            }
            ExportSpec::Lookup(ty) => match payloads.next() {
                Some(Payload::Injectable { key, .. }) => {
                    let args = generic_args(ty);
                    let key = if args.is_empty() { key } else { format!("{key}{args}") };
                    if let Some(l) = locals.iter().position(|l| l.key == key) {
                        push(&mut exports, Export::Local(l));
                    } else if let Some(s) = seen.iter().position(|s| s.key == key) {
                        push(&mut exports, Export::Seen(s));
                    } else {
                        let why = imports
                            .iter()
                            .find_map(|(_, m)| {
                                m.privates.iter().find(|p| p.key == key).map(|_| {
                                    format!(
                                        "`{0}` is provided by the imported module `{1}`, which does not export it; \
                                         fix: add `{0}` to `exports = [..]` of `{1}` first",
                                        short_name(ty),
                                        m.name
                                    )
                                })
                            })
                            .unwrap_or_else(|| {
                                format!(
                                    "a module exports its own providers and what its imports export; fix: add `{0}` to \
                                     `providers = [..]` of `{module}`, or import the module that provides and exports `{0}`",
                                    short_name(ty)
                                )
                            });
                        errors.push(syn::Error::new_spanned(ty,
                            format!(
                                "module `{module}` exports `{}`, which it neither provides nor imports from a module that exports it\n{why}",
                                short_name(ty)
                            ),
                        ));
                    }
                }
                Some(Payload::Module(m)) => errors.push(syn::Error::new_spanned(ty,
                    format!(
                        "module `{module}` exports the module `{0}`, which it does not import\n\
                         re-exporting a module hands its exports on to importers, so the module must be imported; \
                         fix: add `{0}` to `imports = [..]` of `{module}`",
                        m.name
                    ),
                )),
                None => errors.push(syn::Error::new_spanned(ty, "modkit internal: chain ended early")),
            },
        }
    }
    Model {
        locals,
        imports,
        seen,
        hints,
        exports,
        late_wanted,
    }
}

// ---------------------------------------------------------------------------------------------
// expand

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let Input { spec, payloads } = match syn::parse2::<Input>(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Vec::new();
    let model = check(&spec, payloads, &mut errors);
    if !errors.is_empty() {
        let errs = errors_to_tokens(errors);
        let Spec { krate, name, .. } = &spec;
        return quote!(#errs impl #krate::__private::Wired for #name { type Parts = (); });
    }
    generate(&spec, &model)
}

fn generate(spec: &Spec, model: &Model) -> TokenStream {
    let Spec {
        krate,
        vis,
        name,
        id,
        ..
    } = spec;
    let module_name = name.to_string();
    let p = quote!(#krate::__private);
    let builder = format_ident!("__modkit_Builder_{}", name);
    let parts = format_ident!("__modkit_Parts_{}", name);
    let unreachable = quote!(#p::unreachable_hint());
    let life_marker = |l: Life| l.marker(krate);

    // Bindings coerce `Arc<Impl>` to `Arc<dyn Trait>` through a generated trait whose supertraits
    // are the trait object's bounds: when `Impl` lacks one, rustc reports that trait's message.
    let binding = |i: usize| -> Option<(syn::Ident, syn::Ident)> {
        let l = &model.locals[i];
        l.is_binding().then(|| {
            (
                format_ident!("__modkit_Binds_{}_{}", name, i),
                format_ident!("__modkit_bind_{}_{}", name, i),
            )
        })
    };
    let coerce = |i: usize, e: TokenStream| -> TokenStream {
        match binding(i) {
            Some((_, f)) => quote!(#f(#e)),
            None => e,
        }
    };
    let binding_items = (0..model.locals.len()).filter_map(|i| {
        let (tr, f) = binding(i)?;
        let l = &model.locals[i];
        let syn::Type::TraitObject(obj) = &l.spelled else { return None };
        let bounds = &obj.bounds;
        let (imp, dy) = (pretty(&l.ty), pretty(&l.spelled));
        let msg = format!("`{{Self}}` is bound as `{dy}` in module `{module_name}`, and it does not implement all of `{}`", pretty(bounds));
        let label = format!("`{imp} as {dy}` needs `{imp}: {}`", pretty(bounds));
        let note = format!("fix: implement the trait for `{imp}`, or bind another provider to `{dy}`");
        let provided = &l.provided;
        let ty = &l.ty;
        Some(quote_spanned! {ty.span()=>
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            #[diagnostic::on_unimplemented(message = #msg, label = #label, note = #note)]
            trait #tr: #bounds {}
            impl<T: #bounds> #tr for T {}
            #[doc(hidden)]
            #[allow(non_snake_case)]
            #[inline]
            fn #f<T: #tr + 'static>(a: #p::Arc<T>) -> #p::Arc<#provided> { a }
        })
    }).collect::<Vec<_>>();
    let local_fields: Vec<syn::Ident> = (0..model.locals.len())
        .map(|i| format_ident!("__modkit_p{}", i))
        .collect();
    let seen_fields: Vec<syn::Ident> = (0..model.seen.len())
        .map(|i| format_ident!("__modkit_v{}", i))
        .collect();
    let import_fields: Vec<syn::Ident> = (0..model.imports.len())
        .map(|j| format_ident!("__modkit_i{}", j))
        .collect();
    let import_tys: Vec<&syn::Type> = model.imports.iter().map(|(t, _)| t).collect();
    // A module keeps a typed handle to an import only when it must reach into it at run time
    // (a transient or request-scoped type it sees through it); imported singletons are copied.
    // Module types then do not contain their whole import graph, which rustc would otherwise
    // walk again for every drop check of a module type (quadratic in the depth of the graph).
    let kept: Vec<usize> = (0..model.imports.len())
        .filter(|&j| {
            model
                .seen
                .iter()
                .any(|s| s.import == j && s.life != Life::Singleton)
        })
        .collect();
    let kept_fields: Vec<&syn::Ident> = kept.iter().map(|&j| &import_fields[j]).collect();
    // The other imports are kept alive type-erased: a private singleton nobody holds lives as
    // long as the app.
    let erased_fields: Vec<&syn::Ident> = (0..model.imports.len())
        .filter(|j| !kept.contains(j))
        .map(|j| &import_fields[j])
        .collect();
    let kept_tys: Vec<&syn::Type> = kept.iter().map(|&j| import_tys[j]).collect();
    // A seen type named through the import that exports it, as `importer` sees it: this module
    // in its own impls, `__I` in the impls generic over their importer.
    let seen_ty = |s: &Seen, importer: &TokenStream| {
        let imp = import_tys[s.import];
        let k = s.k;
        quote!(<#imp as #p::ExportAt<#k, #importer>>::Ty)
    };
    let seen_tys: Vec<TokenStream> = model
        .seen
        .iter()
        .map(|s| seen_ty(s, &quote!(#name)))
        .collect();
    let seen_tys_for_importer: Vec<TokenStream> = model
        .seen
        .iter()
        .map(|s| seen_ty(s, &quote!(__I)))
        .collect();

    // Request cells: one per request-scoped built provider, numbered in list order.
    let mut cell_of = vec![usize::MAX; model.locals.len()];
    let mut cells = 0usize;
    for (i, l) in model.locals.iter().enumerate() {
        if l.life == Life::Request && l.kind == LKind::Built {
            cell_of[i] = cells;
            cells += 1;
        }
    }

    // struct + builder: stored singletons, imported singletons, the imports themselves.
    let stored: Vec<usize> = (0..model.locals.len())
        .filter(|&i| model.locals[i].stored())
        .collect();
    let stored_fields: Vec<&syn::Ident> = stored.iter().map(|&i| &local_fields[i]).collect();
    let stored_tys: Vec<&TokenStream> = stored.iter().map(|&i| &model.locals[i].provided).collect();
    // Imported singletons the module holds a copy of, to hand out with one field read: all of
    // them in a module that exports nothing (an app's root, where `App::get` reads them), the
    // ones it re-exports, and the ones a transient or request-scoped provider of the module
    // names. Any other is fetched from its import when asked for (a cold path: building the
    // module reads imports directly), which spares each module an `Arc` per imported singleton.
    let held = |n: usize| {
        let s = &model.seen[n];
        s.life == Life::Singleton
            && (spec.exports.is_empty()
                || model
                    .exports
                    .iter()
                    .any(|e| matches!(e, Export::Seen(x) if *x == n))
                || model
                    .late_wanted
                    .iter()
                    .any(|w| s.name.split('<').next().is_some_and(|b| b.trim() == w)))
    };
    let seen_single: Vec<usize> = (0..model.seen.len()).filter(|&n| held(n)).collect();
    let single_fields: Vec<&syn::Ident> = seen_single.iter().map(|&n| &seen_fields[n]).collect();
    let single_tys: Vec<&TokenStream> = seen_single.iter().map(|&n| &seen_tys[n]).collect();
    let structs = quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #parts {
            #(#stored_fields: #p::Arc<#stored_tys>,)*
            #(#single_fields: #p::Arc<#single_tys>,)*
            #(#kept_fields: #p::Arc<#kept_tys>,)*
            #(#erased_fields: #p::AnyModule,)*
            __modkit_base: usize,
        }
        #[automatically_derived]
        impl #p::Wired for #name {
            type Parts = #parts;
        }
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #builder {
            #(#stored_fields: ::core::option::Option<#p::Arc<#stored_tys>>,)*
            #(#import_fields: #p::Arc<#import_tys>,)*
        }
    };

    // Dependency edges of every local, in list order.
    let deps_of: Vec<TokenStream> = model
        .locals
        .iter()
        .map(|l| {
            let ty = &l.ty;
            match l.kind {
                LKind::Built => {
                    let tr = match (l.life, l.is_async) {
                        (Life::Singleton, false) => quote!(Construct),
                        (Life::Singleton, true) => quote!(ConstructAsync),
                        (Life::Transient, _) => quote!(Make),
                        (Life::Request, _) => quote!(MakeIn),
                    };
                    quote_spanned!(ty.span()=> <#ty as #p::#tr<#name>>::DEPS)
                }
                LKind::Value => quote!(&[]),
                LKind::Alias(t) => {
                    let tn = &model.locals[t].name;
                    quote!(&[#krate::info::DepInfo { ty: #tn, module: #module_name, local: ::core::option::Option::Some(#t) }])
                }
            }
        })
        .collect();
    let n_locals = model.locals.len();
    let local_names: Vec<&str> = model.locals.iter().map(|l| l.name.as_str()).collect();
    let exported: Vec<bool> = (0..n_locals)
        .map(|i| {
            model
                .exports
                .iter()
                .any(|e| matches!(e, Export::Local(x) if *x == i))
        })
        .collect();
    let kinds = model.locals.iter().map(|l| match (l.kind, l.life) {
        (LKind::Value, _) => quote!(#krate::info::Kind::Value),
        (_, Life::Singleton) => quote!(#krate::info::Kind::Singleton),
        (_, Life::Transient) => quote!(#krate::info::Kind::Transient),
        (_, Life::Request) => quote!(#krate::info::Kind::Request),
    });
    let dep_refs = (0..n_locals).map(|i| quote!(#name::__MODKIT_DEPS[#i]));
    let export_infos = model.exports.iter().map(|e| match e {
        Export::Local(i) => {
            let n = &model.locals[*i].name;
            quote!(#krate::info::ExportInfo { name: #n, origin: #module_name })
        }
        Export::Seen(s) => {
            let s = &model.seen[*s];
            let (n, o) = (&s.name, &s.origin);
            quote!(#krate::info::ExportInfo { name: #n, origin: #o })
        }
    });

    // The build: imports, then each singleton in dependency order. A module whose graph has
    // no `async fn` provider and no hook is built by a plain function (no future to check).
    let is_async = model.locals.iter().any(|l| l.is_async || l.hooks)
        || model.imports.iter().any(|(_, m)| m.is_async);
    let steps = model.locals.iter().enumerate().filter(|(_, l)| l.stored()).map(|(i, l)| {
        let f = &local_fields[i];
        let ty = &l.ty;
        let provided = &l.provided;
        if l.kind == LKind::Value {
            return quote!(#i => { __modkit_b.#f = ::core::option::Option::Some(__modkit_ctx.value::<#ty>()); });
        }
        let call = if l.is_async {
            { let f = quote_spanned!(ty.span()=> <#ty as #p::ConstructAsync<Self>>::construct); quote!(#f(&__modkit_b).await) }
        } else {
            { let f = quote_spanned!(ty.span()=> <#ty as #p::Construct<Self>>::construct); quote!(#f(&__modkit_b)) }
        };
        let record = if l.hooks {
            quote!(__modkit_ctx.started::<Self, #ty>(#i, &__modkit_v).await?;)
        } else {
            quote!()
        };
        let coerced = coerce(i, quote!(__modkit_v));
        quote! {
            #i => {
                let __modkit_r = #call;
                let __modkit_v = __modkit_ctx.made::<Self, #ty>(#i, __modkit_r)?;
                #record
                let __modkit_a: #p::Arc<#provided> = #coerced;
                __modkit_b.#f = ::core::option::Option::Some(__modkit_a);
            }
        }
    });
    let seen_init = seen_single.iter().map(|&n| {
        let s = &model.seen[n];
        let f = &seen_fields[n];
        let var = &import_fields[s.import];
        let imp = import_tys[s.import];
        let k = s.k;
        quote!(#f: <#imp as #p::ExportAt<#k, #name>>::export(&__modkit_b.#var))
    });
    let first_async = model
        .locals
        .iter()
        .find(|l| l.kind == LKind::Built && (l.is_async || l.hooks))
        .map(|l| l.provided.clone())
        .or_else(|| {
            model
                .imports
                .iter()
                .find(|(_, m)| m.is_async)
                .map(|(t, _)| quote!(<#t as #krate::Module>::FirstAsync))
        })
        .unwrap_or_else(|| quote!(#p::NoAsync));
    let shareable = model
        .locals
        .iter()
        .filter(|l| l.kind == LKind::Value || l.is_binding())
        .map(|l| {
            let (ty, provided) = (&l.spelled, &l.provided);
            quote_spanned!(ty.span()=> const _: () = #p::shareable::<#provided>();)
        });
    let body = quote! {
        let __modkit_base = __modkit_ctx.cells(#cells);
        #[allow(unused_mut)]
        let mut __modkit_b = #builder {
            #(#stored_fields: ::core::option::Option::None,)*
            #(#import_fields,)*
        };
        for &__modkit_i in #name::__MODKIT_ORDER.iter() {
            match __modkit_i {
                #(#steps)*
                _ => {}
            }
        }
        ::core::result::Result::Ok(#name {
            __modkit: #parts {
                #(#seen_init,)*
                #(#stored_fields: match __modkit_b.#stored_fields {
                    ::core::option::Option::Some(v) => v,
                    ::core::option::Option::None => #unreachable,
                },)*
                #(#kept_fields: __modkit_b.#kept_fields,)*
                #(#erased_fields: __modkit_b.#erased_fields,)*
                __modkit_base,
            },
        })
    };
    let build_fn = if is_async {
        quote! {
            fn __build(__modkit_ctx: &mut #p::BuildCtx) -> #p::BoxFuture<'_, ::core::result::Result<Self, #krate::BuildError>> {
                ::std::boxed::Box::pin(async move {
                    #(let #import_fields = __modkit_ctx.import::<#import_tys>(<#import_tys as #krate::Module>::__build).await?;)*
                    #body
                })
            }
        }
    } else {
        quote! {
            fn __build_sync(__modkit_ctx: &mut #p::BuildCtx) -> ::core::result::Result<Self, #krate::BuildError> {
                #(let #import_fields = __modkit_ctx.import_sync::<#import_tys>(<#import_tys as #krate::Module>::__build_sync)?;)*
                #body
            }
        }
    };
    // The singletons the build constructs (not values, not aliases), for the start order.
    // Each is named as the provider names itself (a binding by its implementation).
    let is_start = |l: &Local| l.kind == LKind::Built && l.life == Life::Singleton;
    let n_starts = model.locals.iter().filter(|l| is_start(l)).count();
    let start_names = model.locals.iter().map(|l| {
        let ty = &l.ty;
        if is_start(l) {
            quote!(::core::option::Option::Some(<#ty as #p::Provider>::NAME))
        } else {
            quote!(::core::option::Option::None)
        }
    });
    let module_impl = quote! {
        impl #name {
            #[doc(hidden)]
            const __MODKIT_DEPS: [&'static [#krate::info::DepInfo]; #n_locals] = [#(#deps_of),*];
            #[doc(hidden)]
            const __MODKIT_ORDER: [usize; #n_locals] = #p::build_order(&#name::__MODKIT_DEPS);
            #[doc(hidden)]
            const __MODKIT_STARTS: [&'static str; #n_starts] = #p::starts(&#name::__MODKIT_ORDER, &[#(#start_names),*]);
        }
        #[automatically_derived]
        impl #krate::Module for #name {
            type Builder = #builder;
            type FirstAsync = #first_async;
            const __INFO: &'static #krate::info::ModuleInfo = &#krate::info::ModuleInfo {
                name: #module_name,
                id: #id,
                imports: &[#(<#import_tys as #krate::Module>::info),*],
                providers: &[#(#krate::info::ProviderInfo { name: #local_names, deps: #dep_refs, exported: #exported, kind: #kinds }),*],
                exports: &[#(#export_infos),*],
                starts: &#name::__MODKIT_STARTS,
            };
            #build_fn
        }
        const _: () = #p::check_cycles(#module_name, &[#(#local_names),*], &#name::__MODKIT_DEPS);
        #(#shareable)*
    };

    // Resolve: local providers, then what the imports export, then the hints.
    let dep_info = |n: &str, origin: &str, local: Option<usize>| {
        let local = if let Some(i) = local {
            quote!(::core::option::Option::Some(#i))
        } else {
            quote!(::core::option::Option::None)
        };
        quote!(#krate::info::DepInfo { ty: #n, module: #origin, local: #local })
    };
    // Each impl writes only the methods its lifetime uses; `Resolve`'s defaults cover the rest
    // (singletons: `build_get` and `get`; transients: `get`; request-scoped: `get_in`).
    let methods = |ty: &TokenStream,
                   life: Life,
                   build_get: TokenStream,
                   get: TokenStream,
                   get_in: TokenStream| {
        let build_get = (life == Life::Singleton).then(|| {
            quote! {
                #[inline]
                fn build_get(__modkit_b: &#builder) -> #p::Arc<#ty> { #build_get }
            }
        });
        let get = (life != Life::Request).then(|| {
            quote! {
                #[inline]
                fn get(&self) -> #p::Arc<#ty> { #get }
            }
        });
        let get_in = (life == Life::Request).then(|| {
            quote! {
                #[inline]
                fn get_in(&self, __modkit_c: &#p::Cells) -> #p::Arc<#ty> { #get_in }
            }
        });
        quote!(#build_get #get #get_in)
    };
    let local_resolves = model.locals.iter().enumerate().map(|(i, l)| {
        let ty = &l.ty;
        let provided = &l.provided;
        let f = &local_fields[i];
        let dep = dep_info(&l.name, &module_name, Some(i));
        let life = life_marker(l.life);
        let (build_get, get, get_in) = match (l.kind, l.life) {
            (LKind::Alias(t), _) => {
                let tp = &model.locals[t].provided;
                (
                    quote!(let a: #p::Arc<#tp> = <Self as #p::Resolve<#tp>>::build_get(__modkit_b); a),
                    quote!(let a: #p::Arc<#tp> = <Self as #p::Resolve<#tp>>::get(self); a),
                    quote!(let a: #p::Arc<#tp> = <Self as #p::Resolve<#tp>>::get_in(self, __modkit_c); a),
                )
            }
            (_, Life::Singleton) => (
                quote!(match &__modkit_b.#f { ::core::option::Option::Some(v) => #p::Arc::clone(v), ::core::option::Option::None => #unreachable }),
                quote!(#p::Arc::clone(&self.__modkit.#f)),
                TokenStream::new(),
            ),
            (_, Life::Transient) => (
                TokenStream::new(),
                { let f = quote_spanned!(ty.span()=> <#ty as #p::Make<Self>>::make); coerce(i, quote!(#p::Arc::new(#f(self)))) },
                TokenStream::new(),
            ),
            (_, Life::Request) => {
                let c = cell_of[i];
                // Only the path carries the user's span: `self` and the parameter must keep the macro's
                // hygiene, or a module written inside `macro_rules!` cannot name them.
                let f = quote_spanned!(ty.span()=> <#ty as #p::MakeIn<Self>>::make_in);
                let made = coerce(i, quote!(#p::Arc::new(#f(self, __modkit_c))));
                (
                    TokenStream::new(),
                    TokenStream::new(),
                    {
                        let get_or_init = if l.is_binding() { quote!(get_or_init_dyn) } else { quote!(get_or_init) };
                        quote!(__modkit_c.#get_or_init::<#provided>(self.__modkit.__modkit_base + #c, || { let a: #p::Arc<#provided> = #made; a }))
                    },
                )
            }
        };
        let methods = methods(provided, l.life, build_get, get, get_in);
        quote! {
            #[automatically_derived]
            impl #p::Resolve<#provided> for #name {
                type Access = #p::Visible;
                type Life = #life;
                const DEP: #krate::info::DepInfo = #dep;
                #methods
            }
        }
    });
    let seen_resolves = model.seen.iter().enumerate().map(|(n, s)| {
        let ty = &seen_tys[n];
        let f = &seen_fields[n];
        let imp = import_tys[s.import];
        let via = &import_fields[s.import];
        let k = s.k;
        let dep = dep_info(&s.name, &s.origin, None);
        let life = life_marker(s.life);
        let export = quote!(<#imp as #p::ExportAt<#k, #name>>::export);
        let methods = methods(
            ty,
            s.life,
            quote!(#export(&__modkit_b.#via)),
            if seen_single.contains(&n) {
                quote!(#p::Arc::clone(&self.__modkit.#f))
            } else if kept.contains(&s.import) {
                quote!(#export(&self.__modkit.#via))
            } else {
                quote!(#export(#p::erased::<#imp>(&self.__modkit.#via)))
            },
            quote!(<#imp as #p::ExportAt<#k, #name>>::export_in(&self.__modkit.#via, __modkit_c)),
        );
        quote! {
            #[automatically_derived]
            impl #p::Resolve<#ty> for #name {
                type Access = #p::Visible;
                type Life = #life;
                const DEP: #krate::info::DepInfo = #dep;
                #methods
            }
        }
    });
    // Hints exist only to fail with a message: types, no code.
    let hint_resolves = model.hints.iter().map(|h| {
        let (ty, access) = match h {
            Hint::NotExported { import, k } => {
                let imp = import_tys[*import];
                (
                    quote!(<#imp as #p::ProviderAt<#k, #name>>::Ty),
                    quote!(#p::NotExported<#imp>),
                )
            }
            Hint::OnlyThrough { import, k } => {
                let imp = import_tys[*import];
                (
                    quote!(<#imp as #p::SeenAt<#k, #name>>::Ty),
                    quote!(#p::OnlyThrough<<#imp as #p::SeenAt<#k, #name>>::Owner, #imp>),
                )
            }
        };
        quote! {
            #[automatically_derived]
            impl #p::Resolve<#ty> for #name {
                type Access = #access;
                type Life = #p::Singleton;
            }
        }
    });

    // What importers may name: exports, and (for hints) providers and seen types.
    let export_impls = model.exports.iter().enumerate().map(|(k, e)| {
        let (ty, life, export, export_in) = match e {
            Export::Local(i) => {
                let l = &model.locals[*i];
                let t = &l.provided;
                (
                    t.clone(),
                    l.life,
                    quote!(<Self as #p::Resolve<#t>>::get(self)),
                    quote!(<Self as #p::Resolve<#t>>::get_in(self, __modkit_c)),
                )
            }
            Export::Seen(n) => {
                let s = &model.seen[*n];
                let imp = import_tys[s.import];
                let via = &import_fields[s.import];
                let k2 = s.k;
                (
                    seen_tys_for_importer[*n].clone(),
                    s.life,
                    if s.life == Life::Singleton {
                        let f = &seen_fields[*n];
                        quote!(#p::Arc::clone(&self.__modkit.#f))
                    } else {
                        quote!(<#imp as #p::ExportAt<#k2, __I>>::export(&self.__modkit.#via))
                    },
                    quote!(<#imp as #p::ExportAt<#k2, __I>>::export_in(&self.__modkit.#via, __modkit_c)),
                )
            }
        };
        // `ExportAt`'s defaults: `export_in` is `export` outside request scope, and a request
        // export has no `export`.
        let method = if life == Life::Request {
            quote!(#[inline] fn export_in(&self, __modkit_c: &#p::Cells) -> #p::Arc<#ty> { #export_in })
        } else {
            quote!(#[inline] fn export(&self) -> #p::Arc<#ty> { #export })
        };
        let life = life_marker(life);
        quote! {
            #[automatically_derived]
            impl<__I> #p::ExportAt<#k, __I> for #name {
                type Ty = #ty;
                type Life = #life;
                #method
            }
        }
    });
    let provider_ats = model.locals.iter().enumerate().filter(|(_, l)| l.hintable).map(|(i, l)| {
        let ty = &l.provided;
        quote!(#[automatically_derived] impl<__I> #p::ProviderAt<#i, __I> for #name { type Ty = #ty; })
    });
    let seen_hintable = |s: &Seen| model.imports[s.import].1.public || !spec.public;
    let seen_ats = model.seen.iter().enumerate().filter(|(_, s)| seen_hintable(s)).map(|(n, s)| {
        let ty = &seen_tys_for_importer[n];
        let imp = import_tys[s.import];
        quote!(#[automatically_derived] impl<__I> #p::SeenAt<#n, __I> for #name { type Ty = #ty; type Owner = #imp; })
    });

    // Values: this module's own, then those its imports need, each once.
    let mut values: Vec<(String, String, TokenStream, TokenStream)> = Vec::new(); // key, name, ty (self), ty (importer)
    for l in model.locals.iter().filter(|l| l.kind == LKind::Value) {
        let t = &l.provided;
        values.push((l.key.clone(), l.name.clone(), t.clone(), t.clone()));
    }
    for (j, (_, m)) in model.imports.iter().enumerate() {
        let imp = import_tys[j];
        for v in &m.values {
            if values.iter().any(|(k, ..)| *k == v.key) {
                continue;
            }
            let k2 = v.k;
            values.push((
                v.key.clone(),
                v.name.clone(),
                quote!(<#imp as #p::ValueAt<#k2, #name>>::Ty),
                quote!(<#imp as #p::ValueAt<#k2, __I>>::Ty),
            ));
        }
    }
    let value_ats = values.iter().enumerate().map(|(n, (_, _, _, ty))| {
        quote!(#[automatically_derived] impl<__I> #p::ValueAt<#n, __I> for #name { type Ty = #ty; })
    });
    let positions: Vec<syn::Ident> = (0..values.len())
        .map(|n| format_ident!("__V{}", n))
        .collect();
    let value_tys = values.iter().map(|(_, _, t, _)| t);
    let values_impl = quote! {
        #[automatically_derived]
        impl<__L, #(#positions),*> #p::Values<__L, (#(#positions,)*)> for #name
        where #(__L: #p::Has<#value_tys, #positions>,)*
        {}
    };

    // This module's own companion macro, for its importers.
    let m_exports = model.exports.iter().enumerate().map(|(k, e)| match e {
        Export::Local(i) => {
            let l = &model.locals[*i];
            let (key, n, exact, life) = (&l.key, &l.name, l.exact, l.life.as_str());
            quote!((#k #key #n #exact #id #module_name #life))
        }
        Export::Seen(s) => {
            let s = &model.seen[*s];
            let (key, n, exact, oid, o, life) = (
                &s.key,
                &s.name,
                s.exact,
                &s.origin_id,
                &s.origin,
                s.life.as_str(),
            );
            quote!((#k #key #n #exact #oid #o #life))
        }
    });
    let m_privates = model
        .locals
        .iter()
        .enumerate()
        .filter(|(i, l)| l.hintable && l.exact && !exported[*i])
        .map(|(i, l)| {
            let (key, n) = (&l.key, &l.name);
            quote!((#i #key #n))
        });
    let m_seen = model
        .seen
        .iter()
        .enumerate()
        .filter(|(_, s)| s.exact && seen_hintable(s))
        .map(|(n, s)| {
            let (key, tn) = (&s.key, &s.name);
            quote!((#n #key #tn))
        });
    let m_values = values
        .iter()
        .enumerate()
        .map(|(n, (key, vn, _, _))| quote!((#n #key #vn)));
    let public = spec.public;
    let payload = quote! {
        (module id = #id name = #module_name public = #public async = #is_async
            exports = [#(#m_exports)*] privates = [#(#m_privates)*] seen = [#(#m_seen)*] values = [#(#m_values)*])
    };
    // `#[module]` writes `path#hex`; a hand-written `__join!` call may not (found by fuzzing).
    let hash: String = id
        .rsplit('#')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let vis: syn::Visibility = syn::parse2(vis.clone()).unwrap_or(syn::Visibility::Inherited);
    let companion = crate::chain::companion(
        &format_ident!("__modkit_mod_{}_{}", name, hash),
        name,
        &vis,
        &payload,
    );
    quote! {
        #(#binding_items)*
        #structs
        #module_impl
        #(#local_resolves)*
        #(#seen_resolves)*
        #(#hint_resolves)*
        #(#export_impls)*
        #(#provider_ats)*
        #(#seen_ats)*
        #(#value_ats)*
        #values_impl
        #companion
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// A manifest entry with too few fields (only a hand-written call can produce one) is an
    /// error, not an index out of bounds.
    #[test]
    fn short_manifest_entry_is_an_error_not_a_panic() {
        let input = quote! {
            @modkit_chain {} {
                (spec krate = [::modkit] vis = [pub] name = AppModule id = "a#1" public = true
                    providers = [] values = [] imports = [[LoggerModule]] exports = [])
                (module id = "l#2" name = "LoggerModule" public = true async = false
                    exports = [(0 "k" "Logger")] privates = [] seen = [] values = [])
            }
        };
        let out = super::expand(input).to_string();
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("expected 7"), "{out}");
    }

    /// A hand-written call whose module id has no `#hex` tail (found by fuzzing) is expanded,
    /// not a panic on an invalid identifier.
    #[test]
    fn odd_module_id_is_not_a_panic() {
        let input = quote! {
            @modkit_chain {} {
                (spec krate = [::modkit] vis = [pub] name = M id = "?" public = true
                    providers = [] values = [] imports = [] exports = [])
            }
        };
        let out = super::expand(input).to_string();
        assert!(out.contains("__modkit_mod_M_"), "{out}");
    }
}
