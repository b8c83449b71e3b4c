//! `__join!`: the last link of a module's chain. It sees the module's own lists and the payload of
//! every provider and import, so it can check what needs all of them at once (a provider given
//! twice under two spellings, two imports exporting one type, an export nobody provides) and write
//! the module: its struct, its builder, one `Resolve` impl per visible type, its exports, its
//! cycle check, its static description and its own companion macro.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;

use crate::util::{errors_to_tokens, generic_args, short_name};

// ---------------------------------------------------------------------------------------------
// parse

struct Spec {
    krate: TokenStream,
    vis: TokenStream,
    name: syn::Ident,
    id: String,
    public: bool,
    providers: Vec<syn::Type>,
    imports: Vec<syn::Type>,
    exports: Vec<ExportSpec>,
}

enum ExportSpec {
    Provider(syn::Type),
    Import(syn::Type),
    Lookup(syn::Type),
}

/// What the chain brought back for one link.
enum Payload {
    Injectable {
        key: String,
        name: String,
        public: bool,
        generic: bool,
    },
    Module(Manifest),
}

#[derive(Clone)]
struct Manifest {
    id: String,
    name: String,
    public: bool,
    exports: Vec<MExport>,
    privates: Vec<MItem>,
    seen: Vec<MItem>,
}

#[derive(Clone)]
struct MExport {
    k: usize,
    key: String,
    name: String,
    exact: bool,
    origin_id: String,
    origin: String,
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
    let providers = types(bracket(s, "providers")?)?;
    let imports = types(bracket(s, "imports")?)?;
    let exports_ts = bracket(s, "exports")?;
    let exports = syn::parse::Parser::parse2(
        |e: ParseStream<'_>| {
            let mut out = Vec::new();
            while !e.is_empty() {
                let c;
                syn::parenthesized!(c in e);
                let kind: syn::Ident = c.parse()?;
                let spec = if kind == "lookup" {
                    let t;
                    syn::bracketed!(t in c);
                    ExportSpec::Lookup(t.parse()?)
                } else {
                    let t;
                    syn::bracketed!(t in c);
                    let ty: syn::Type = t.parse()?;
                    if kind == "provider" {
                        ExportSpec::Provider(ty)
                    } else {
                        ExportSpec::Import(ty)
                    }
                };
                out.push(spec);
            }
            Ok(out)
        },
        exports_ts,
    )?;
    Ok(Spec {
        krate,
        vis,
        name,
        id: id.value(),
        public: public.value,
        providers,
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
        Ok(Payload::Injectable {
            key: key.value(),
            name: name.to_string(),
            public: public.value,
            generic: generics.base10_parse::<usize>()? > 0,
        })
    } else {
        let id: syn::LitStr = field(p, "id")?;
        let name: syn::LitStr = field(p, "name")?;
        let public: syn::LitBool = field(p, "public")?;
        let exports = tuples(bracket(p, "exports")?, 6)?
            .into_iter()
            .map(|t| -> syn::Result<MExport> {
                Ok(MExport {
                    k: int(&t[0])?,
                    key: string(&t[1])?,
                    name: string(&t[2])?,
                    exact: boolean(&t[3])?,
                    origin_id: string(&t[4])?,
                    origin: string(&t[5])?,
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
        Ok(Payload::Module(Manifest {
            id: id.value(),
            name: name.value(),
            public: public.value,
            exports,
            privates,
            seen,
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

struct Local {
    ty: syn::Type,
    key: String,
    exact: bool,
    name: String,
    /// Whether importers may name it in a hint (`ProviderAt`): see `hintable`.
    hintable: bool,
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
}

enum Hint {
    NotExported {
        import: usize,
        k: usize,
        name: String,
    },
    OnlyThrough {
        import: usize,
        k: usize,
    },
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
}

fn check(spec: &Spec, payloads: Vec<Payload>, errors: &mut Vec<syn::Error>) -> Model {
    let module = &spec.name;
    let mut payloads = payloads.into_iter();
    let mut locals: Vec<Local> = Vec::new();
    for ty in &spec.providers {
        match payloads.next() {
            Some(Payload::Injectable { key, name: _, public, generic }) => {
                let args = generic_args(ty);
                let exact = !generic;
                let key = if args.is_empty() { key } else { format!("{key}{args}") };
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
                locals.push(Local { ty: ty.clone(), key, exact, name: short_name(ty), hintable });
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
            });
        }
    }

    // Hints: types some import knows but does not hand to this module.
    let mut hints: Vec<Hint> = Vec::new();
    let mut hinted: Vec<String> = Vec::new();
    let known = |key: &str, hinted: &Vec<String>| {
        locals.iter().any(|l| l.key == key)
            || seen.iter().any(|s| s.key == key)
            || hinted.iter().any(|h| h == key)
    };
    for (j, (_, m)) in imports.iter().enumerate() {
        for p in &m.privates {
            if !known(&p.key, &hinted) {
                hinted.push(p.key.clone());
                hints.push(Hint::NotExported {
                    import: j,
                    k: p.k,
                    name: p.name.clone(),
                });
            }
        }
    }
    for (j, (_, m)) in imports.iter().enumerate() {
        for s in &m.seen {
            if !known(&s.key, &hinted) {
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
                if let Some(l) = locals.iter().position(|l| crate::util::same_tokens(&l.ty, ty)) {
                    push(&mut exports, Export::Local(l));
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

    let local_fields: Vec<syn::Ident> = (0..model.locals.len())
        .map(|i| format_ident!("__modkit_p{}", i))
        .collect();
    let seen_fields: Vec<syn::Ident> = (0..model.seen.len())
        .map(|i| format_ident!("__modkit_v{}", i))
        .collect();
    let local_tys: Vec<&syn::Type> = model.locals.iter().map(|l| &l.ty).collect();
    let import_tys: Vec<&syn::Type> = model.imports.iter().map(|(t, _)| t).collect();
    // A seen type named through the import that exports it, as `importer` sees it: this module
    // in its own impls, `__I` in the `ExportAt`/`SeenAt` impls generic over their importer.
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

    // struct + builder
    let structs = quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #parts {
            #(#local_fields: #p::Arc<#local_tys>,)*
            #(#seen_fields: #p::Arc<#seen_tys>,)*
        }
        #[automatically_derived]
        impl #p::Wired for #name {
            type Parts = #parts;
        }
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #builder {
            #(#local_fields: #p::OnceCell<#p::Arc<#local_tys>>,)*
            #(#seen_fields: #p::Arc<#seen_tys>,)*
        }
    };

    // Module impl: build imports, then every provider, then move everything into the struct.
    let import_vars: Vec<syn::Ident> = (0..model.imports.len())
        .map(|j| format_ident!("__modkit_i{}", j))
        .collect();
    let seen_init = model.seen.iter().zip(&seen_fields).map(|(s, f)| {
        let var = &import_vars[s.import];
        let imp = import_tys[s.import];
        let k = s.k;
        quote!(#f: <#imp as #p::ExportAt<#k, #name>>::export(&#var))
    });
    let local_names: Vec<&str> = model.locals.iter().map(|l| l.name.as_str()).collect();
    let exported: Vec<bool> = (0..model.locals.len())
        .map(|i| {
            model
                .exports
                .iter()
                .any(|e| matches!(e, Export::Local(x) if *x == i))
        })
        .collect();
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
    let deps_of: Vec<TokenStream> = model
        .locals
        .iter()
        .map(|l| {
            let ty = &l.ty;
            quote_spanned!(ty.span()=> <#ty as #p::Construct<#name>>::DEPS)
        })
        .collect();
    let module_impl = quote! {
        #[automatically_derived]
        impl #krate::Module for #name {
            type Builder = #builder;
            fn info() -> &'static #krate::info::ModuleInfo {
                static INFO: #krate::info::ModuleInfo = #krate::info::ModuleInfo {
                    name: #module_name,
                    id: #id,
                    imports: &[#(<#import_tys as #krate::Module>::info),*],
                    providers: &[#(#krate::info::ProviderInfo { name: #local_names, deps: #deps_of, exported: #exported }),*],
                    exports: &[#(#export_infos),*],
                };
                &INFO
            }
            fn __build(__modkit_ctx: &mut #p::BuildCtx) -> #p::Arc<Self> {
                #(let #import_vars = __modkit_ctx.import::<#import_tys>(<#import_tys as #krate::Module>::__build);)*
                let __modkit_b = #builder {
                    #(#local_fields: #p::OnceCell::new(),)*
                    #(#seen_init,)*
                };
                #(let #local_fields = <Self as #p::Resolve<#local_tys>>::build_get(&__modkit_b);)*
                #p::Arc::new(#name {
                    __modkit: #parts {
                        #(#local_fields,)*
                        #(#seen_fields: __modkit_b.#seen_fields,)*
                    },
                })
            }
        }
        const _: () = #p::check_cycles(#module_name, &[#(#local_names),*], &[#(#deps_of),*]);
    };

    // Resolve: local providers, then what the imports export, then the hints.
    let local_resolves = model.locals.iter().enumerate().map(|(i, l)| {
        let ty = &l.ty;
        let f = &local_fields[i];
        let n = &l.name;
        let construct = quote_spanned!(ty.span()=> <#ty as #p::Construct<#name>>::construct(__modkit_b));
        quote! {
            #[automatically_derived]
            impl #p::Resolve<#ty> for #name {
                type Access = #p::Visible;
                const DEP: #krate::info::DepInfo = #krate::info::DepInfo { ty: #n, module: #module_name, local: ::core::option::Option::Some(#i) };
                #[inline]
                fn build_get(__modkit_b: &#builder) -> #p::Arc<#ty> {
                    #p::Arc::clone(__modkit_b.#f.get_or_init(|| #p::Arc::new(#construct)))
                }
                #[inline]
                fn get(&self) -> #p::Arc<#ty> {
                    #p::Arc::clone(&self.__modkit.#f)
                }
            }
        }
    });
    let seen_resolves = model.seen.iter().enumerate().map(|(n, s)| {
        let ty = &seen_tys[n];
        let f = &seen_fields[n];
        let (tn, origin) = (&s.name, &s.origin);
        quote! {
            #[automatically_derived]
            impl #p::Resolve<#ty> for #name {
                type Access = #p::Visible;
                const DEP: #krate::info::DepInfo = #krate::info::DepInfo { ty: #tn, module: #origin, local: ::core::option::Option::None };
                #[inline]
                fn build_get(__modkit_b: &#builder) -> #p::Arc<#ty> {
                    #p::Arc::clone(&__modkit_b.#f)
                }
                #[inline]
                fn get(&self) -> #p::Arc<#ty> {
                    #p::Arc::clone(&self.__modkit.#f)
                }
            }
        }
    });
    let hint_resolves = model.hints.iter().map(|h| {
        let (ty, access, tn, owner) = match h {
            Hint::NotExported { import, k, name: tn } => {
                let imp = import_tys[*import];
                (
                    quote!(<#imp as #p::ProviderAt<#k, #name>>::Ty),
                    quote!(#p::NotExported<#imp>),
                    tn.clone(),
                    model.imports[*import].1.name.clone(),
                )
            }
            Hint::OnlyThrough { import, k } => {
                let imp = import_tys[*import];
                let m = &model.imports[*import].1;
                let tn = m.seen.iter().find(|s| s.k == *k).map(|s| s.name.clone()).unwrap_or_default();
                (
                    quote!(<#imp as #p::SeenAt<#k, #name>>::Ty),
                    quote!(#p::OnlyThrough<<#imp as #p::SeenAt<#k, #name>>::Owner, #imp>),
                    tn,
                    m.name.clone(),
                )
            }
        };
        quote! {
            #[automatically_derived]
            impl #p::Resolve<#ty> for #name {
                type Access = #access;
                const DEP: #krate::info::DepInfo = #krate::info::DepInfo { ty: #tn, module: #owner, local: ::core::option::Option::None };
                fn build_get(_: &#builder) -> #p::Arc<#ty> {
                    #p::unreachable_hint()
                }
                fn get(&self) -> #p::Arc<#ty> {
                    #p::unreachable_hint()
                }
            }
        }
    });

    // What importers may name: exports, and (for hints) providers and seen types.
    let export_impls = model.exports.iter().enumerate().map(|(k, e)| {
        let (ty, f) = match e {
            Export::Local(i) => {
                let t = &model.locals[*i].ty;
                (quote!(#t), &local_fields[*i])
            }
            Export::Seen(s) => (seen_tys_for_importer[*s].clone(), &seen_fields[*s]),
        };
        quote! {
            #[automatically_derived]
            impl<__I> #p::ExportAt<#k, __I> for #name {
                type Ty = #ty;
                #[inline]
                fn export(&self) -> #p::Arc<#ty> {
                    #p::Arc::clone(&self.__modkit.#f)
                }
            }
        }
    });
    let provider_ats = model.locals.iter().enumerate().filter(|(_, l)| l.hintable).map(|(i, l)| {
        let ty = &l.ty;
        quote!(#[automatically_derived] impl<__I> #p::ProviderAt<#i, __I> for #name { type Ty = #ty; })
    });
    let seen_hintable = |s: &Seen| model.imports[s.import].1.public || !spec.public;
    let seen_ats = model.seen.iter().enumerate().filter(|(_, s)| seen_hintable(s)).map(|(n, s)| {
        let ty = &seen_tys_for_importer[n];
        let imp = import_tys[s.import];
        quote!(#[automatically_derived] impl<__I> #p::SeenAt<#n, __I> for #name { type Ty = #ty; type Owner = #imp; })
    });

    // This module's own companion macro, for its importers.
    let m_exports = model.exports.iter().enumerate().map(|(k, e)| match e {
        Export::Local(i) => {
            let l = &model.locals[*i];
            let (key, n, exact) = (&l.key, &l.name, l.exact);
            quote!((#k #key #n #exact #id #module_name))
        }
        Export::Seen(s) => {
            let s = &model.seen[*s];
            let (key, n, exact, oid, o) = (&s.key, &s.name, s.exact, &s.origin_id, &s.origin);
            quote!((#k #key #n #exact #oid #o))
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
    let public = spec.public;
    let payload = quote! {
        (module id = #id name = #module_name public = #public
            exports = [#(#m_exports)*] privates = [#(#m_privates)*] seen = [#(#m_seen)*])
    };
    let hash: String = id.rsplit('#').next().unwrap_or_default().to_owned();
    let vis: syn::Visibility = syn::parse2(vis.clone()).unwrap_or(syn::Visibility::Inherited);
    let companion = crate::chain::companion(
        &format_ident!("__modkit_mod_{}_{}", name, hash),
        name,
        &vis,
        &payload,
    );
    quote! {
        #structs
        #module_impl
        #(#local_resolves)*
        #(#seen_resolves)*
        #(#hint_resolves)*
        #(#export_impls)*
        #(#provider_ats)*
        #(#seen_ats)*
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
                    providers = [] imports = [[LoggerModule]] exports = [])
                (module id = "l#2" name = "LoggerModule" public = true
                    exports = [(0 "k" "Logger")] privates = [] seen = [])
            }
        };
        let out = super::expand(input).to_string();
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("expected 6"), "{out}");
    }
}
