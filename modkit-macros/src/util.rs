//! Small helpers shared by the macros: unique names, type display, macro paths.

use proc_macro2::TokenStream;
use quote::ToTokens;

/// Where a macro was invoked: makes generated names and type keys unique across a whole build.
#[derive(Debug, Clone, Default)]
pub(crate) struct Site {
    /// `CARGO_CRATE_NAME` of the crate being compiled.
    pub(crate) krate: String,
    /// Source file, line and column of the annotated item's name.
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Site {
    /// A 64-bit FNV-1a hash of the site and `name`, as 16 hex digits.
    pub(crate) fn hash(&self, kind: &str, name: &str) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [
            kind,
            &self.krate,
            &self.file,
            &self.line.to_string(),
            &self.column.to_string(),
            name,
        ] {
            for b in part.bytes().chain([0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}

/// Tokens printed the way a person writes them: `Repo<User>`, `a::B`.
pub(crate) fn pretty(tokens: &impl ToTokens) -> String {
    let s = tokens.to_token_stream().to_string();
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars.peek().copied();
            let glue = matches!(prev, Some('<' | ':' | '&' | '(' | '['))
                || matches!(next, Some('<' | '>' | ':' | ',' | ')' | ']'));
            if glue {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The name a type is shown under: its last path segment with its generic arguments.
pub(crate) fn short_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            p.path.segments.last().map_or_else(|| pretty(ty), pretty)
        }
        _ => pretty(ty),
    }
}

/// A dependency as the wire carries it (see [`crate::wire::Dep`]).
pub(crate) fn dep(ty: &syn::Type) -> crate::wire::Dep {
    let qualified = match ty {
        syn::Type::Path(p) => p.qself.is_some() || p.path.segments.len() > 1,
        _ => false,
    };
    crate::wire::Dep {
        spelling: short_name(ty),
        qualified,
    }
}

/// The generic arguments of a type's last segment, as text (empty when there are none).
pub(crate) fn generic_args(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => match p.path.segments.last().map(|s| &s.arguments) {
            Some(syn::PathArguments::AngleBracketed(a)) => pretty(a),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// The path under which a type's companion macro is found: the type's path without the
/// generic arguments of its last segment. `None` for types that are not plain paths.
pub(crate) fn macro_path(ty: &syn::Type) -> Option<syn::Path> {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            let mut path = p.path.clone();
            let last = path.segments.last_mut()?;
            last.arguments = syn::PathArguments::None;
            if path
                .segments
                .iter()
                .any(|s| !matches!(s.arguments, syn::PathArguments::None))
            {
                return None;
            }
            Some(path)
        }
        syn::Type::Group(g) => macro_path(&g.elem),
        syn::Type::Paren(p) => macro_path(&p.elem),
        _ => None,
    }
}

/// Token-level equality, the only type identity a single macro invocation has.
pub(crate) fn same_tokens(a: &impl ToTokens, b: &impl ToTokens) -> bool {
    a.to_token_stream().to_string() == b.to_token_stream().to_string()
}

/// A `compile_error!` for every error in `errors`, each at its own span.
pub(crate) fn errors_to_tokens(errors: Vec<syn::Error>) -> TokenStream {
    errors.into_iter().map(|e| e.to_compile_error()).collect()
}

/// `T` for `&T` and `&mut T` (also nested), else `ty`: what to suggest wrapping in `Arc`.
pub(crate) fn unref(ty: &syn::Type) -> &syn::Type {
    match ty {
        syn::Type::Reference(r) => unref(&r.elem),
        _ => ty,
    }
}

/// `T` when `ty` is `Result<T, ..>` (any path ending in `Result`, so aliases such as
/// `anyhow::Result<T>` count).
pub(crate) fn result_ok(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(t)) => Some(t),
        _ => None,
    }
}

/// `T` when `ty` is `Arc<T>` (any path ending in `Arc`).
pub(crate) fn arc_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Arc" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    if let [syn::GenericArgument::Type(t)] = args.args.iter().collect::<Vec<_>>().as_slice() {
        Some(t)
    } else {
        None
    }
}

/// The position `k` as a type (`D3`, `Ix<D1, D2>` for 12): the runtime's `ExportAt` and
/// `ValueAt` take positions as types, since a `const` argument is a body of its own to rustc.
pub(crate) fn position(p: &TokenStream, k: usize) -> TokenStream {
    let digit = quote::format_ident!("D{}", k % 10);
    if k < 10 {
        quote::quote!(#p::#digit)
    } else {
        let high = position(p, k / 10);
        quote::quote!(#p::Ix<#high, #p::#digit>)
    }
}

/// The list `(a, (b, ()))` of `items`: the shape of a provider's argument list (`New<A>`), its patterns and its values.
pub(crate) fn arg_list<T: ToTokens>(items: &[T]) -> TokenStream {
    items.iter().rev().fold(
        quote::quote!(()),
        |rest, item| quote::quote!((#item, #rest)),
    )
}

/// `items` inside `const _: () = { .. };`, where `__modkit_p` names the runtime's `__private`:
/// impls hold wherever they are written, and the short path keeps the generated code small.
pub(crate) fn block(krate: &impl ToTokens, items: &TokenStream) -> TokenStream {
    quote::quote! {
        const _: () = {
            use #krate::__private as __modkit_p;
            #items
        };
    }
}

/// `k` as the runtime's unary number (`Z`, `S<Z>`, ..): a position in a provider's argument list.
pub(crate) fn nat(p: &proc_macro2::TokenStream, k: usize) -> proc_macro2::TokenStream {
    (0..k).fold(quote::quote!(#p::Z), |acc, _| quote::quote!(#p::S<#acc>))
}

/// `All<T>` or `Keyed<T>` (modkit's collections, by the last segment's name): whether it is
/// keyed, and `T`.
pub(crate) fn collection_of(ty: &syn::Type) -> Option<(bool, syn::Type)> {
    let syn::Type::Path(p) = ty else {
        return None;
    };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    let keyed = match last.ident.to_string().as_str() {
        "All" => false,
        "Keyed" => true,
        _ => return None,
    };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(elem)] => Some((keyed, elem.clone())),
        _ => None,
    }
}

/// How a collection's element type is identified: a trait object by the last segment of each
/// bound (`dyn Plugin` for `dyn plugins::Plugin`), a path by its last segment, as written
/// otherwise. Two spellings of one trait then name one collection across modules and crates.
pub(crate) fn elem_key(ty: &syn::Type) -> String {
    match ty {
        syn::Type::TraitObject(obj) => {
            let bounds: Vec<String> = obj
                .bounds
                .iter()
                .map(|b| match b {
                    syn::TypeParamBound::Trait(t) => {
                        t.path.segments.last().map_or_else(|| pretty(t), pretty)
                    }
                    other => pretty(other),
                })
                .collect();
            format!("dyn {}", bounds.join(" + "))
        }
        syn::Type::Group(g) => elem_key(&g.elem),
        syn::Type::Paren(p) => elem_key(&p.elem),
        _ => short_name(ty),
    }
}

/// [`elem_key`] of an element type written as text (a dependency's spelling).
pub(crate) fn elem_key_str(s: &str) -> String {
    syn::parse_str::<syn::Type>(s).map_or_else(|_| s.to_owned(), |t| elem_key(&t))
}
