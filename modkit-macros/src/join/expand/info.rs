//! The `Module` impl: the static description of the module (`ModuleInfo`), its dependency edges,
//! its build order and cycle check (evaluated by the compiler), and the build function.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::Ctx;
use crate::join::layout::FirstAsync;
use crate::join::model::{Edge, Export, Local, LocalId, LocalKind};
use crate::wire::Life;

/// The dependency edges of one local, in field order.
fn deps_of(cx: &Ctx<'_>, l: &Local) -> TokenStream {
    let Ctx {
        krate,
        p,
        name,
        module_name,
        model,
        ..
    } = cx;
    let ty = &l.ty;
    match l.kind {
        LocalKind::Built { .. } if l.life == Life::Singleton => {
            // Through `Construct`, like the build's call: a missing edge is one error, not two.
            let tr = if l.is_async {
                quote!(ConstructAsync)
            } else {
                quote!(Construct)
            };
            let n = l.deps.len();
            quote_spanned!(ty.span()=> &#p::dep_array::<#n>(<#ty as #p::#tr<#name, _>>::DEPS))
        }
        LocalKind::Built { .. } => {
            let tr = if l.life == Life::Transient {
                quote!(Make)
            } else {
                quote!(MakeIn)
            };
            let n = l.deps.len();
            quote_spanned!(ty.span()=> &#p::dep_array::<#n>(<#ty as #p::#tr<#name, _>>::DEPS))
        }
        LocalKind::Value | LocalKind::Seed | LocalKind::Config | LocalKind::Global => quote!(&[]),
        LocalKind::Alias(t) => {
            let tn = &model.local(t).name;
            let t = t.0;
            quote!(&[#krate::info::DepInfo::new(#tn, #module_name, ::core::option::Option::Some(#t))])
        }
        LocalKind::Collection(c) => {
            let infos = model.collection(c).items.iter().filter_map(|it| {
                let crate::join::model::ItemSource::Own(t) = it.source else {
                    return None;
                };
                let tn = &model.local(t).name;
                let t = t.0;
                Some(quote!(#krate::info::DepInfo::new(#tn, #module_name, ::core::option::Option::Some(#t))))
            });
            quote!(&[#(#infos),*])
        }
    }
}

/// The consts, the `Module` impl, the cycle check, the `Send + Sync` checks of values and
/// bindings (a seed's is its `Resolve` impl's), and what a scope is seeded with.
pub(super) fn module_impl(cx: &Ctx<'_>, build_fn: &TokenStream) -> TokenStream {
    let Ctx {
        spec,
        model,
        krate,
        p,
        name,
        module_name,
        builder,
        parts,
        ..
    } = cx;
    let wiring = crate::join::stub::wiring_ident(name);
    let id = &spec.id;
    let (graph, dep_refs) = match (&model.edges, &cx.layout.order) {
        (Some(edges), Some(order)) => literal(cx, edges, order),
        _ => evaluated(cx),
    };
    let local_names: Vec<&str> = model.locals.iter().map(|l| l.name.as_str()).collect();
    let kinds = model.locals.iter().map(|l| match (l.kind, l.life) {
        (LocalKind::Value, _) => quote!(#krate::info::Kind::Value),
        (LocalKind::Config, _) => quote!(#krate::info::Kind::Config),
        (LocalKind::Global, _) => quote!(#krate::info::Kind::Global),
        (LocalKind::Seed, _) => quote!(#krate::info::Kind::Seed),
        (_, Life::Singleton) => quote!(#krate::info::Kind::Singleton),
        (_, Life::Transient) => quote!(#krate::info::Kind::Transient),
        (_, Life::Request) => quote!(#krate::info::Kind::Request),
    });
    let exported = model.locals().map(|(i, _)| model.is_exported(i));
    let export_infos = model.exports.iter().map(|e| {
        let (n, o) = match *e {
            Export::Local(i) => (&model.local(i).name, module_name),
            Export::Seen(s) => {
                let s = model.seen(s);
                (&s.name, &s.origin)
            }
            Export::Collection { import, k } => {
                let m = &model.import(import).manifest;
                match m.exports.iter().find(|e| e.k == k) {
                    Some(e) => (&e.name, &e.origin),
                    None => (&m.name, &m.name),
                }
            }
        };
        quote!(#krate::info::ExportInfo::new(#n, #o))
    });
    let import_tys = model.imports.iter().map(|i| &i.ty);
    let first_async = match cx.layout.first_async {
        FirstAsync::Local(i) => model.local(i).provided.clone(),
        FirstAsync::Import(j) => {
            let t = cx.import_ty(j);
            quote!(<#t as #krate::Module>::FirstAsync)
        }
        FirstAsync::None => quote!(#p::NoAsync),
    };
    let (seeds, seed_items) = super::exports::seed_list(cx);
    let shareable = model
        .locals
        .iter()
        .filter(|l| l.kind == LocalKind::Value || l.is_binding())
        .map(|l| {
            let (ty, provided) = (&l.spelled, &l.provided);
            quote_spanned!(ty.span()=> const _: () = #p::shareable::<#provided>();)
        });
    let (with_config, config_module) = config_slot(cx);
    let builder_ty = if cx.layout.direct {
        quote!(())
    } else {
        quote!(#builder)
    };
    quote! {
        #graph
        #[automatically_derived]
        impl #p::Wiring<#name> for #wiring {
            type Parts = #parts;
            type Builder = #builder_ty;
            type FirstAsync = #first_async;
            type Seeds = #seeds;
            const INFO: &'static #krate::info::ModuleInfo = &#krate::info::ModuleInfo::new(
                #module_name,
                #id,
                &[#(<#import_tys as #krate::Module>::info),*],
                &[#(#krate::info::ProviderInfo::new(#local_names, #dep_refs, #exported, #kinds)),*],
                &[#(#export_infos),*],
                #name::__MODKIT_STARTS,
            )#with_config;
            #build_fn
        }
        #(#shareable)*
        #seed_items
        #config_module
    }
}

/// The edges, order and start list the macro worked out (see `check::edges`): literals, and a
/// straight-line build. The macro has checked the providers for cycles.
fn literal(
    cx: &Ctx<'_>,
    edges: &[Vec<Edge>],
    order: &[LocalId],
) -> (TokenStream, Vec<TokenStream>) {
    let Ctx {
        krate,
        p,
        name,
        module_name,
        model,
        ..
    } = cx;
    let deps = edges
        .iter()
        .map(|es| {
            let infos = es.iter().map(|e| {
                let (ty, module, local) = match *e {
                    Edge::Local(i) => (&model.local(i).name, module_name, Some(i.0)),
                    Edge::Seen(n) => {
                        let s = model.seen(n);
                        (&s.name, &s.origin, None)
                    }
                };
                let local = local.map_or_else(
                    || quote!(::core::option::Option::None),
                    |i| quote!(::core::option::Option::Some(#i)),
                );
                quote!(#krate::info::DepInfo::new(#ty, #module, #local))
            });
            quote!(&[#(#infos),*])
        })
        .collect();
    let starts: Vec<_> = order
        .iter()
        .map(|&i| model.local(i))
        .filter(|l| l.constructed())
        .map(|l| {
            let ty = &l.ty;
            quote!(<#ty as #p::Provider>::NAME)
        })
        .collect();
    let items = quote! {
        impl #name {
            #[doc(hidden)]
            const __MODKIT_STARTS: &'static [&'static str] = &[#(#starts),*];
        }
    };
    (items, deps)
}

/// The edges, order and start list as `const` items the compiler evaluates from each provider's
/// `DEPS` (through `Resolve::DEP`), and the cycle check: for modules whose dependencies the
/// macro cannot match by spelling alone.
fn evaluated(cx: &Ctx<'_>) -> (TokenStream, Vec<TokenStream>) {
    let Ctx {
        krate,
        p,
        name,
        module_name,
        model,
        ..
    } = cx;
    let deps_of = model.locals.iter().map(|l| deps_of(cx, l));
    let n_locals = model.locals.len();
    let cycle_names: Vec<String> = model.locals.iter().map(Local::display).collect();
    // The singletons the build constructs (not values, not aliases), for the start order.
    // Each is named as the provider names itself (a binding by its implementation).
    let n_starts = model.locals.iter().filter(|l| l.constructed()).count();
    let start_names = model.locals.iter().map(|l| {
        let ty = &l.ty;
        if l.constructed() {
            quote!(::core::option::Option::Some(<#ty as #p::Provider>::NAME))
        } else {
            quote!(::core::option::Option::None)
        }
    });
    // The panic is written here, spanned at the module's name: the compiler's error then points
    // at the user's module, not into the runtime crate.
    let cycle_check = quote_spanned! {name.span()=>
        const _: () = if #name::__MODKIT_ORDER.cyclic
            && let ::core::option::Option::Some(__modkit_m) =
                #p::find_cycle(#module_name, &[#(#cycle_names),*], &#name::__MODKIT_DEPS)
        {
            ::core::panic!("{}", __modkit_m.as_str())
        };
    };
    let items = quote! {
        impl #name {
            #[doc(hidden)]
            const __MODKIT_DEPS: [&'static [#krate::info::DepInfo]; #n_locals] = [#(#deps_of),*];
            #[doc(hidden)]
            const __MODKIT_ORDER: #p::Order<#n_locals> = #p::build_order(&#name::__MODKIT_DEPS);
            #[doc(hidden)]
            const __MODKIT_STARTS: &'static [&'static str] = &#p::starts::<#n_locals, #n_starts>(&#name::__MODKIT_ORDER.order, &[#(#start_names),*]);
        }
        #cycle_check
    };
    let refs = (0..n_locals)
        .map(|i| quote!(#name::__MODKIT_DEPS[#i]))
        .collect();
    (items, refs)
}

/// `.with_config(..)` on the `ModuleInfo` of a module with a config, and the `ConfigModule`
/// impl that names it in `AppBuilder::set`; nothing for the others.
fn config_slot(cx: &Ctx<'_>) -> (TokenStream, TokenStream) {
    let Some(c) = cx.spec.config.first() else {
        return (TokenStream::new(), TokenStream::new());
    };
    let (p, name) = (&cx.p, cx.name);
    let (ty, config_name) = (&c.ty, &c.name);
    let slot = quote_spanned!(ty.span()=> #p::ConfigSlot::of::<#ty>(#config_name));
    let with = quote! {
        .with_config({
            const SLOT: #p::ConfigSlot = #slot;
            &SLOT
        })
    };
    let module = quote! {
        #[automatically_derived]
        impl #p::ConfigModule for #name {
            const CONFIG_NAME: &'static str = #config_name;
        }
    };
    (with, module)
}
