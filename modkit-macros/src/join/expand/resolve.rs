//! One `Resolve` impl per type the module may use (its providers, what its imports export), and
//! the hint impls that exist only to fail with a message.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::Ctx;
use crate::join::model::{Hint, LocalId, LocalKind, SeenId};
use crate::wire::Life;

pub(super) fn resolves(cx: &Ctx<'_>) -> TokenStream {
    // A global's export in a module built directly is an argument only (its type unnamed);
    // through the builder, one impl per type, whichever providers depend on it. A contribution
    // is reached through its collection only.
    let locals = (cx.model.locals())
        .filter(|&(i, l)| {
            !l.contributes
                && (l.kind != LocalKind::Global
                    || (!cx.layout.direct
                        && !cx.model.locals[..i.0].iter().any(|g| {
                            g.kind == LocalKind::Global && g.id.spelling == l.id.spelling
                        })))
        })
        .map(|(i, _)| local(cx, i));
    let seen = cx.model.seens().map(|(n, _)| seen(cx, n));
    let hints = cx.model.hints.iter().map(|h| hint(cx, h));
    quote!(#(#locals)* #(#seen)* #(#hints)*)
}

/// The `DepInfo` of an edge to a type named `n`, provided by module `origin`.
///
/// Written only where the compiler works the module's edges out (`Model::edges` is `None`):
/// otherwise the macro wrote them as literals and nothing reads `Resolve::DEP`.
fn dep_info(cx: &Ctx<'_>, n: &str, origin: &str, local: Option<usize>) -> TokenStream {
    if cx.model.edges.is_some() {
        return TokenStream::new();
    }
    let krate = cx.krate;
    let local = if let Some(i) = local {
        quote!(::core::option::Option::Some(#i))
    } else {
        quote!(::core::option::Option::None)
    };
    quote!(const DEP: #krate::info::DepInfo = #krate::info::DepInfo::new(#n, #origin, #local);)
}

/// The methods an impl for a type of lifetime `life` writes; `Resolve`'s defaults cover the rest
/// (singletons: `build_get` and `get`; transients: `get`; request-scoped: `get_in`).
fn methods(
    cx: &Ctx<'_>,
    ty: &TokenStream,
    life: Life,
    build_get: &TokenStream,
    get: &TokenStream,
    get_in: &TokenStream,
) -> TokenStream {
    let (p, builder) = (&cx.p, &cx.builder);
    let build_get = (life == Life::Singleton && !cx.layout.direct).then(|| {
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
}

fn impl_resolve(
    cx: &Ctx<'_>,
    ty: &TokenStream,
    life: Life,
    dep: &TokenStream,
    methods: &TokenStream,
) -> TokenStream {
    let Ctx { krate, p, name, .. } = cx;
    let life = life.marker(krate);
    quote! {
        #[automatically_derived]
        impl #p::Resolve<#ty> for #name {
            type Access = #p::Visible;
            type Life = #life;
            #dep
            #methods
        }
    }
}

fn local(cx: &Ctx<'_>, i: LocalId) -> TokenStream {
    let p = &cx.p;
    let l = cx.model.local(i);
    let ty = &l.ty;
    let provided = &l.provided;
    let field = Ctx::local_field(i);
    let dep = dep_info(cx, &l.name, &cx.module_name, Some(i.0));
    let none = TokenStream::new();
    let (build_get, get, get_in) = match (l.kind, l.life) {
        (LocalKind::Alias(t), _) => {
            let tp = &cx.model.local(t).provided;
            (
                quote!(let a: #p::Arc<#tp> = <Self as #p::Resolve<#tp>>::build_get(__modkit_b); a),
                quote!(let a: #p::Arc<#tp> = <Self as #p::Resolve<#tp>>::get(self); a),
                quote!(let a: #p::Arc<#tp> = <Self as #p::Resolve<#tp>>::get_in(self, __modkit_c); a),
            )
        }
        (LocalKind::Seed, _) => {
            let seed = quote!(__modkit_c.seed::<#provided>());
            (none.clone(), none.clone(), seed)
        }
        (_, Life::Singleton) => (
            quote!(#p::got(&__modkit_b.#field)),
            quote!(#p::Arc::clone(&self.__modkit.#field)),
            none.clone(),
        ),
        (_, Life::Transient) => {
            let make = quote_spanned!(ty.span()=> <#ty as #p::Make<Self, _>>::make);
            (
                none.clone(),
                cx.coerce(i, quote!(#p::Arc::new(#make(self)))),
                none.clone(),
            )
        }
        (_, Life::Request) => {
            let cell = cx.layout.cells[i.0].unwrap_or_default();
            // Only the path carries the user's span: `self` and the parameter must keep the
            // macro's hygiene, or a module written inside `macro_rules!` cannot name them.
            let make = quote_spanned!(ty.span()=> <#ty as #p::MakeIn<Self, _>>::make_in);
            let new = cx.coerce(i, quote!(#p::Arc::new(#make(self, __modkit_c))));
            let get_or_init = if l.is_binding() {
                quote!(get_or_init_dyn)
            } else {
                quote!(get_or_init)
            };
            let get_in = quote!(__modkit_c.#get_or_init::<#provided>(self.__modkit.__modkit_base + #cell, || { let a: #p::Arc<#provided> = #new; a }));
            (none.clone(), none.clone(), get_in)
        }
    };
    let methods = methods(cx, provided, l.life, &build_get, &get, &get_in);
    impl_resolve(cx, provided, l.life, &dep, &methods)
}

fn seen(cx: &Ctx<'_>, n: SeenId) -> TokenStream {
    let Ctx { p, name, .. } = cx;
    let s = cx.model.seen(n);
    let ty = cx.seen_ty(n, &quote!(#name));
    let imp = cx.import_ty(s.import);
    let via = Ctx::import_field(s.import);
    let k = crate::util::position(p, s.k);
    let dep = dep_info(cx, &s.name, &s.origin, None);
    let export = quote!(<#imp as #p::ExportAt<#k, #name>>::export);
    let get = if cx.layout.is_held(n) {
        let f = Ctx::seen_field(n);
        quote!(#p::Arc::clone(&self.__modkit.#f))
    } else if cx.layout.is_kept(s.import) {
        quote!(#export(&self.__modkit.#via))
    } else {
        quote!(#export(#p::erased::<#imp>(&self.__modkit.#via)))
    };
    let methods = methods(
        cx,
        &ty,
        s.life,
        &quote!(#export(&__modkit_b.#via)),
        &get,
        &quote!(<#imp as #p::ExportAt<#k, #name>>::export_in(&self.__modkit.#via, __modkit_c)),
    );
    impl_resolve(cx, &ty, s.life, &dep, &methods)
}

/// Position `k` of a type list (`S<S<Z>>` for 2): see the runtime's `At`.
fn position(p: &TokenStream, k: usize) -> TokenStream {
    (0..k).fold(quote!(#p::Z), |inner, _| quote!(#p::S<#inner>))
}

/// Hints exist only to fail with a message: types, no code.
fn hint(cx: &Ctx<'_>, h: &Hint) -> TokenStream {
    let Ctx { p, name, .. } = cx;
    let (ty, access) = match *h {
        Hint::NotExported { import, k } => {
            let imp = cx.import_ty(import);
            let at = position(p, k);
            (
                quote!(<<#imp as #p::Hidden<#name>>::Privates as #p::At<#at, #name>>::Ty),
                quote!(#p::NotExported<#imp>),
            )
        }
        Hint::OnlyThrough { import, k } => {
            let imp = cx.import_ty(import);
            let at = position(p, k);
            (
                quote!(<<#imp as #p::Hidden<#name>>::Seen as #p::At<#at, #name>>::Ty),
                quote!(#p::OnlyThrough<<<#imp as #p::Hidden<#name>>::Seen as #p::At<#at, #name>>::Owner, #imp>),
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
}
