//! What importers may name: the module's exports (`ExportAt`), and for hints its private
//! providers and seen types (`Hidden`); the values of the graph below it (`ValueAt`, `Values`)
//! and its seeds (`Wiring::Seeds`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Ctx;
use crate::join::layout::ValueSource;
use crate::join::model::{Export, Local, LocalId, LocalKind, Seen, SeenId};
use crate::wire::Life;

pub(super) fn exports(cx: &Ctx<'_>) -> TokenStream {
    let export_ats = cx
        .model
        .exports
        .iter()
        .enumerate()
        .map(|(k, e)| export_at(cx, k, *e));
    let hidden = hidden(cx);
    let values = values(cx);
    let replaceable = replaceable(cx);
    quote!(#(#export_ats)* #hidden #values #replaceable)
}

/// What a test may replace in this module (`AppBuilder::replace_for_test`), only with the
/// `testing` feature (`super::TESTING`): one `Replaceable` impl per singleton, value and config,
/// and the module's key and `Search` impl, inside `__if_testing!`.
fn replaceable(cx: &Ctx<'_>) -> TokenStream {
    if !super::TESTING {
        return TokenStream::new();
    }
    let Ctx { p, name, model, .. } = cx;
    let wiring = crate::join::stub::wiring_ident(name);
    let impls: Vec<TokenStream> = model
        .locals()
        // A global's export is its global module's to replace; a contribution and a collection
        // are not single providers.
        .filter(|(_, l)| {
            l.stored()
                && !l.contributes
                && !matches!(l.kind, LocalKind::Global | LocalKind::Collection(..))
        })
        .map(|(i, l)| {
            let t = &l.provided;
            let any_impl = replace_with_impl(cx, i, l);
            quote! {
                impl #p::Replaceable<#t, #name, #p::Arc<#t>> for #wiring {
                    #[inline]
                    fn into_replacement(with: #p::Arc<#t>) -> #p::Arc<#t> { with }
                }
                #any_impl
            }
        })
        .collect();
    let search = search(cx);
    quote!(#p::__if_testing! { #(#impls)* #search })
}

/// For a binding `Impl as dyn Trait`: a test may pass an `Arc` of any type with the trait
/// object's bounds, through a generated trait whose message says which replacement lacks them
/// (`do_not_recommend` keeps rustc from reporting the bare bound instead).
fn replace_with_impl(cx: &Ctx<'_>, i: LocalId, l: &Local) -> TokenStream {
    let Ctx { p, name, .. } = cx;
    let syn::Type::TraitObject(obj) = &l.spelled else {
        return TokenStream::new();
    };
    if !l.is_binding() {
        return TokenStream::new();
    }
    let wiring = crate::join::stub::wiring_ident(name);
    let bounds = &obj.bounds;
    let tr = format_ident!("__modkit_Replaces_{}_{}", name, i.0);
    let dy = crate::util::pretty(&l.spelled);
    let module_name = &cx.module_name;
    let msg = format!(
        "`{{Self}}` cannot replace `{dy}` in module `{module_name}`: it does not implement all of `{}`",
        crate::util::pretty(bounds)
    );
    let label = format!(
        "a replacement of `{dy}` implements `{}`",
        crate::util::pretty(bounds)
    );
    let note = format!(
        "fix: implement the trait for `{{Self}}`, or pass another implementation of `{dy}`"
    );
    let t = &l.provided;
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #[diagnostic::on_unimplemented(message = #msg, label = #label, note = #note)]
        trait #tr: #bounds {}
        #[diagnostic::do_not_recommend]
        impl<__T: #bounds> #tr for __T {}
        impl<__W: #tr + 'static> #p::Replaceable<#t, #name, #p::Arc<__W>> for #wiring {
            #[inline]
            fn into_replacement(with: #p::Arc<__W>) -> #p::Arc<#t> { with }
        }
    }
}

/// The module's key (8 hex digits of its id, as types) and its `Search` impl: whether a module
/// is this one or in the graph below it, a type-level boolean computed from the key and the
/// imports' `Search` impls. Not an index the compiler would infer, so a module reached along
/// two paths is not ambiguous; types in bounds only, so an import less visible than the module
/// is no E0446.
fn search(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        krate,
        p,
        name,
        model,
        spec,
        ..
    } = cx;
    let wiring = crate::join::stub::wiring_ident(name);
    let hash = spec.id.rsplit('#').next().unwrap_or_default();
    let digits = (0..8).map(|n| {
        let d = hash
            .chars()
            .nth(n)
            .and_then(|c| c.to_digit(16))
            .unwrap_or(0);
        let d = format_ident!("H{:X}", d);
        quote!(#p::#d)
    });
    let key = quote!((#(#digits),*));
    let imps: Vec<&syn::Type> = model.imports.iter().map(|i| &i.ty).collect();
    let found: Vec<syn::Ident> = (0..imps.len()).map(|n| format_ident!("__F{}", n)).collect();
    let any = found
        .iter()
        .rev()
        .fold(quote!(()), |rest, f| quote!((#f, #rest)));
    quote! {
        impl #p::Keyed for #wiring {
            type Key = #key;
        }
        #[allow(private_bounds)]
        impl<__K, __E, #(#found,)* __R> #p::Search<__K> for #wiring
        where
            __K: #p::KeyEq<#key, Out = __E>,
            #(<#imps as #krate::Module>::Wiring: #p::Search<__K, Found = #found>,)*
            (__E, #any): #p::AnyTrue<Out = __R>,
        {
            type Found = __R;
        }
    }
}

fn export_at(cx: &Ctx<'_>, k: usize, export: Export) -> TokenStream {
    let Ctx {
        krate,
        p,
        name,
        model,
        ..
    } = cx;
    let (ty, life, get, get_in) = match export {
        Export::Collection { import, k: at } => {
            return super::collections::export_at(cx, k, import, at);
        }
        Export::Local(i) => {
            let l = model.local(i);
            let t = &l.provided;
            (
                collection_ty(cx, l.kind).unwrap_or_else(|| t.clone()),
                l.life,
                quote!(<Self as #p::Resolve<#t>>::get(self)),
                quote!(<Self as #p::Resolve<#t>>::get_in(self, __modkit_c)),
            )
        }
        Export::Seen(n) => {
            let s = model.seen(n);
            let imp = cx.import_ty(s.import);
            let via = Ctx::import_field(s.import);
            let k2 = crate::util::position(p, s.k);
            let get = if s.life == Life::Singleton {
                let field = Ctx::seen_field(n);
                quote!(#p::Arc::clone(&self.__modkit.#field))
            } else {
                quote!(<#imp as #p::ExportAt<#k2, __I>>::export(&self.__modkit.#via))
            };
            (
                cx.seen_ty(n, &quote!(__I)),
                s.life,
                get,
                quote!(<#imp as #p::ExportAt<#k2, __I>>::export_in(&self.__modkit.#via, __modkit_c)),
            )
        }
    };
    // `ExportAt`'s defaults: `export_in` is `export` outside request scope, and a request
    // export has no `export`.
    let method = if life == Life::Request {
        quote!(#[inline] fn export_in(&self, __modkit_c: &#p::Cells) -> #p::Arc<#ty> { #get_in })
    } else {
        quote!(#[inline] fn export(&self) -> #p::Arc<#ty> { #get })
    };
    let life = life.marker(krate);
    let k = crate::util::position(p, k);
    quote! {
        #[automatically_derived]
        impl<__I> #p::ExportAt<#k, __I> for #name {
            type Ty = #ty;
            type Life = #life;
            #method
        }
    }
}

/// A collection the module names through an import, as the importer `__I` does.
fn collection_ty(cx: &Ctx<'_>, kind: LocalKind) -> Option<TokenStream> {
    match kind {
        LocalKind::Collection(c) => super::collections::ty(cx, c, &quote!(__I)),
        _ => None,
    }
}

/// Whether importers may name a type this module sees through an import in a hint (`Hidden`,
/// the manifest's `seen`): one it does not re-export (importers see those through `ExportAt`),
/// from an import they may name (E0446 otherwise).
pub(crate) fn seen_hintable(cx: &Ctx<'_>, n: SeenId, s: &Seen) -> bool {
    (cx.model.import(s.import).manifest.public || !cx.spec.public)
        && !cx.model.exports.contains(&Export::Seen(n))
}

/// The `Hidden` impl: the private providers importers may hint and the seen types the module
/// does not re-export, as two type lists, in the order of the manifest's `privates` and `seen`.
fn hidden(cx: &Ctx<'_>) -> TokenStream {
    let Ctx { p, name, model, .. } = cx;
    let privates: Vec<(TokenStream, TokenStream)> = model
        .locals()
        .filter(|(i, _)| model.hints_private(*i))
        .map(|(_, l)| (l.provided.clone(), quote!(())))
        .collect();
    let seen: Vec<(TokenStream, TokenStream)> = model
        .seens()
        .filter(|(n, s)| seen_hintable(cx, *n, s))
        .map(|(n, s)| {
            let imp = cx.import_ty(s.import);
            (cx.seen_ty(n, &quote!(__I)), quote!(#imp))
        })
        .collect();
    if privates.is_empty() && seen.is_empty() {
        return TokenStream::new();
    }
    let list = |entries: &[(TokenStream, TokenStream)]| {
        entries.iter().rev().fold(
            quote!(()),
            |rest, (ty, owner)| quote!((::core::marker::PhantomData<#ty>, #owner, #rest)),
        )
    };
    let (privates, seen) = (list(&privates), list(&seen));
    quote! {
        #[automatically_derived]
        impl<__I> #p::Hidden<__I> for #name {
            type Privates = #privates;
            type Seen = #seen;
        }
    }
}

/// `ValueAt` per value of the graph below the module, and `Values`: the app's value list `L`
/// holds each of them.
fn values(cx: &Ctx<'_>) -> TokenStream {
    let Ctx { p, name, model, .. } = cx;
    let tys = |importer: &TokenStream| -> Vec<TokenStream> {
        cx.layout
            .values
            .iter()
            .map(|v| match v.source {
                ValueSource::Local(i) => model.local(i).provided.clone(),
                ValueSource::Import(j, k) => {
                    let imp = cx.import_ty(j);
                    let k = crate::util::position(p, k);
                    quote!(<#imp as #p::ValueAt<#k, #importer>>::Ty)
                }
            })
            .collect()
    };
    let value_ats = tys(&quote!(__I)).into_iter().enumerate().map(|(n, ty)| {
        let n = crate::util::position(p, n);
        quote!(#[automatically_derived] impl<__I> #p::ValueAt<#n, __I> for #name { type Ty = #ty; })
    });
    let positions: Vec<syn::Ident> = (0..cx.layout.values.len())
        .map(|n| format_ident!("__V{}", n))
        .collect();
    let own = tys(&quote!(#name));
    let wiring = crate::join::stub::wiring_ident(name);
    // The app's check of the global modules it must contain rides on `Values` (also checked
    // when the app is built); a module whose graph takes no global export writes nothing more.
    let (g, globals) = if cx.layout.needs_globals() {
        let list = super::globals::needs_ident(name);
        (
            Some(quote!(__G)),
            Some(quote!(#list: #p::GlobalList<#name, __G>,)),
        )
    } else {
        (None, None)
    };
    quote! {
        #(#value_ats)*
        #[automatically_derived]
        impl<__L, #(#positions,)* #g> #p::Values<__L, (#(#positions,)* #g)> for #wiring
        where #(__L: #p::Has<#own, #positions>,)* #globals
        {}
    }
}

/// What a scope of the graph below the module is seeded with (`Wiring::Seeds`): the runtime's
/// `NoSeeds` when nothing below declares seeds; else a generated type whose `SeedList` impl
/// requires each seed of the module and the `SeedList` of each import that has seeds. Seed types
/// appear in bounds only, which a seed less visible than its module may (see `SeedList`).
pub(super) fn seed_list(cx: &Ctx<'_>) -> (TokenStream, TokenStream) {
    let Ctx {
        krate,
        spec,
        p,
        name,
        model,
        layout,
        ..
    } = cx;
    if !layout.seeded() {
        return (quote!(#p::NoSeeds), TokenStream::new());
    }
    let seeds = format_ident!("__modkit_Seeds_{}", name);
    let own: Vec<&TokenStream> = layout
        .seeds
        .iter()
        .map(|&i| &model.local(i).provided)
        .collect();
    let at: Vec<syn::Ident> = (0..own.len()).map(|n| format_ident!("__S{}", n)).collect();
    let imps: Vec<&syn::Type> = layout
        .seeded_imports
        .iter()
        .map(|&j| cx.import_ty(j))
        .collect();
    let via: Vec<syn::Ident> = (0..imps.len()).map(|n| format_ident!("__J{}", n)).collect();
    let vis = &spec.vis;
    let items = quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis enum #seeds {}
        #[automatically_derived]
        #[allow(private_bounds)]
        impl<__L, #(#at,)* #(#via),*> #p::SeedList<__L, (#(#at,)* #(#via,)*)> for #seeds
        where
            #(__L: #p::HasSeed<#own, #name, #at>,)*
            #(<<#imps as #krate::Module>::Wiring as #p::Wiring<#imps>>::Seeds: #p::SeedList<__L, #via>,)*
        {}
    };
    (quote!(#seeds), items)
}
