//! The build function: imports first, then each singleton in dependency order. A module whose
//! graph has no `async fn` provider and no hook is built by a plain function (no future).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::Ctx;
use crate::join::model::{Edge, ImportId, LocalId, LocalKind};

/// `__build` (async) or `__build_sync`, as an item of the `Module` impl.
pub(super) fn build_fn(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        krate,
        p,
        model,
        name,
        ..
    } = cx;
    let import_fields: Vec<_> = (0..model.imports.len())
        .map(|j| Ctx::import_field(ImportId(j)))
        .collect();
    let is_async = cx.layout.is_async();
    // Each import returns on its error before the next is built: a failed module is not
    // registered, so building the next imports would build it again along their paths.
    let imported = model.imports.iter().map(|i| {
        let ty = &i.ty;
        early_return(&if is_async {
            quote!(__modkit_ctx.import::<#ty>(<#ty as #krate::Module>::__build).await)
        } else {
            quote!(__modkit_ctx.import_sync::<#ty>(<#ty as #krate::Module>::__build_sync))
        })
    });
    let imports = quote!(#(let #import_fields = #imported;)*);
    let body = body(cx);
    if is_async {
        quote! {
            fn build(__modkit_ctx: &mut #p::BuildCtx) -> #p::BoxFuture<'_, ::core::result::Result<#name, #krate::BuildError>> {
                ::std::boxed::Box::pin(async move {
                    #imports
                    #body
                })
            }
        }
    } else {
        quote! {
            fn build_sync(__modkit_ctx: &mut #p::BuildCtx) -> ::core::result::Result<#name, #krate::BuildError> {
                #imports
                #body
            }
        }
    }
}

/// After the imports: the builder, the steps in build order, the parts.
fn body(cx: &Ctx<'_>) -> TokenStream {
    if cx.layout.direct
        && let (Some(order), Some(edges)) = (&cx.layout.order, &cx.model.edges)
    {
        return direct_body(cx, order, edges);
    }
    let Ctx {
        p,
        model,
        layout,
        name,
        builder,
        parts,
        ..
    } = cx;
    let cells = layout.n_cells;
    let stored_fields: Vec<_> = layout.stored.iter().map(|&i| Ctx::local_field(i)).collect();
    let import_fields: Vec<_> = (0..model.imports.len())
        .map(|j| Ctx::import_field(ImportId(j)))
        .collect();
    let kept_fields = layout.kept.iter().map(|&j| Ctx::import_field(j));
    let erased_fields = (0..model.imports.len())
        .map(ImportId)
        .filter(|&j| !layout.is_kept(j))
        .map(Ctx::import_field);
    // In the order the macro computed, straight-line; else in the order a `const` computes.
    let steps = if let Some(order) = &layout.order {
        let steps = order
            .iter()
            .filter(|&&i| model.local(i).stored())
            .map(|&i| step(cx, i));
        quote!(#(#steps)*)
    } else {
        let steps = layout.stored.iter().map(|&i| {
            let (index, step) = (i.0, step(cx, i));
            quote!(#index => #step)
        });
        quote! {
            for &__modkit_i in #name::__MODKIT_ORDER.order.iter() {
                match __modkit_i {
                    #(#steps)*
                    _ => {}
                }
            }
        }
    };
    let held_init = layout.held.iter().map(|&n| {
        let s = model.seen(n);
        let f = Ctx::seen_field(n);
        let var = Ctx::import_field(s.import);
        let imp = cx.import_ty(s.import);
        let k = crate::util::position(p, s.k);
        quote!(#f: <#imp as #p::ExportAt<#k, #name>>::export(&__modkit_b.#var))
    });
    quote! {
        let __modkit_base = __modkit_ctx.cells(#cells);
        #[allow(unused_mut)]
        let mut __modkit_b = #builder {
            #(#stored_fields: ::core::option::Option::None,)*
            #(#import_fields,)*
        };
        #steps
        ::core::result::Result::Ok(#name {
            __modkit: #parts {
                #(#held_init,)*
                #(#stored_fields: #p::take(__modkit_b.#stored_fields),)*
                #(#kept_fields: __modkit_b.#kept_fields,)*
                #(#erased_fields: __modkit_b.#erased_fields,)*
                __modkit_base,
            },
        })
    }
}

/// The build step of stored local `i`: a value taken from the caller, or a provider constructed
/// (and its init hook run).
fn step(cx: &Ctx<'_>, i: LocalId) -> TokenStream {
    let (p, name) = (&cx.p, cx.name);
    let l = cx.model.local(i);
    let field = Ctx::local_field(i);
    let ty = &l.ty;
    if let Some(v) = supplied(cx, i) {
        return quote!({ __modkit_b.#field = ::core::option::Option::Some(#v); });
    }
    if l.kind == LocalKind::Global {
        let global = global_call(cx, l);
        return quote!({ __modkit_b.#field = ::core::option::Option::Some(#global); });
    }
    if let LocalKind::Collection(c) = l.kind {
        let v = super::collections::value(cx, c, false);
        return quote!({ __modkit_b.#field = ::core::option::Option::Some(#v); });
    }
    let call = if l.is_async {
        let construct =
            quote_spanned!(ty.span()=> <#ty as #p::ConstructAsync<#name, _>>::construct);
        quote!(#construct(&__modkit_b).await)
    } else {
        let construct = quote_spanned!(ty.span()=> <#ty as #p::Construct<#name, _>>::construct);
        quote!(#construct(&__modkit_b))
    };
    let provided = &l.provided;
    let built = constructed(cx, i, &call);
    quote! {
        {
            let __modkit_a: #p::Arc<#provided> = #built;
            __modkit_b.#field = ::core::option::Option::Some(__modkit_a);
        }
    }
}

/// The build of a module whose edges the macro matched (`Layout::direct`): each singleton, in
/// order, gets its dependencies from the locals built before it and from its imports; no builder.
fn direct_body(cx: &Ctx<'_>, order: &[LocalId], edges: &[Vec<Edge>]) -> TokenStream {
    let Ctx {
        model,
        layout,
        name,
        parts,
        ..
    } = cx;
    let cells = layout.n_cells;
    let steps = order
        .iter()
        .filter(|&&i| model.local(i).stored())
        .map(|&i| direct_step(cx, i, &edges[i.0]));
    let stored_fields = layout.stored.iter().map(|&i| Ctx::local_field(i));
    let import_fields = (0..model.imports.len()).map(|j| Ctx::import_field(ImportId(j)));
    let held_init = layout.held.iter().map(|&n| {
        let f = Ctx::seen_field(n);
        let e = seen_arg(cx, n);
        quote!(#f: #e)
    });
    quote! {
        let __modkit_base = __modkit_ctx.cells(#cells);
        #(#steps)*
        ::core::result::Result::Ok(#name {
            __modkit: #parts {
                #(#held_init,)*
                #(#stored_fields,)*
                #(#import_fields,)*
                __modkit_base,
            },
        })
    }
}

/// `let __modkit_p<i> = ..;`: a value taken from the caller, or a provider made by `New`.
fn direct_step(cx: &Ctx<'_>, i: LocalId, edges: &[Edge]) -> TokenStream {
    let (p, name) = (&cx.p, cx.name);
    let l = cx.model.local(i);
    let var = Ctx::local_field(i);
    let ty = &l.ty;
    if let Some(v) = supplied(cx, i) {
        return quote!(let #var = #v;);
    }
    if let (LocalKind::Global, Some((of, k))) = (l.kind, l.global_of) {
        let of = cx.model.local(of);
        let provider = &of.ty;
        let k = crate::util::nat(p, k);
        let at = if of.is_async {
            quote_spanned!(provider.span()=> global_at_async)
        } else {
            quote_spanned!(provider.span()=> global_at)
        };
        let global = quote_spanned!(provider.span()=> #at::<#name, #provider, #k, _, _>);
        let got = early_return(&quote!(__modkit_ctx.#global()));
        return quote!(let #var = #got;);
    }
    if let LocalKind::Collection(c) = l.kind {
        let (p, provided) = (&cx.p, &l.provided);
        let v = super::collections::value(cx, c, true);
        return quote!(let #var: #p::Arc<#provided> = #v;);
    }
    let args = crate::util::arg_list(&edges.iter().map(|e| arg(cx, e)).collect::<Vec<_>>());
    let provided = &l.provided;
    if !l.is_async && !l.hooks && !l.is_binding() {
        // Only the method carries the user's span: `__modkit_ctx` must keep the macro's
        // hygiene (a module written inside `macro_rules!`).
        let make = quote_spanned!(ty.span()=> make::<#name, #ty, _>);
        let index = i.0;
        let built = early_return(&quote!(__modkit_ctx.#make(#index, #args)));
        let built = replaceable(cx, i, &built, false);
        return quote!(let #var: #p::Arc<#provided> = #built;);
    }
    let call = if l.is_async {
        let new = quote_spanned!(ty.span()=> <#ty as #p::NewAsync<_>>::new);
        quote!(#new(#args).await)
    } else {
        let new = quote_spanned!(ty.span()=> <#ty as #p::New<_>>::new);
        quote!(#new(#args))
    };
    let built = constructed(cx, i, &call);
    quote!(let #var: #p::Arc<#provided> = #built;)
}

/// A value or the config, taken from what the build was given (a test's replacement instead,
/// with the `testing` feature); `None` for any other local.
fn supplied(cx: &Ctx<'_>, i: LocalId) -> Option<TokenStream> {
    let l = cx.model.local(i);
    let ty = &l.ty;
    let taken = match (l.kind, cx.spec.config.first()) {
        (LocalKind::Value, _) => quote!(__modkit_ctx.value::<#ty>()),
        (LocalKind::Config, Some(c)) => {
            let config_name = &c.name;
            quote!(__modkit_ctx.config::<#ty>(#config_name))
        }
        _ => return None,
    };
    Some(replaceable(cx, i, &taken, false))
}

/// Provider `i` made by `call`: recorded as made, its `init` hook run, coerced to the trait
/// object of a binding (a test's replacement instead, with the `testing` feature).
fn constructed(cx: &Ctx<'_>, i: LocalId, call: &TokenStream) -> TokenStream {
    let name = cx.name;
    let l = cx.model.local(i);
    let (ty, index) = (&l.ty, i.0);
    let record = l.hooks.then(|| {
        early_return(&quote!(__modkit_ctx.started::<#name, #ty>(#index, &__modkit_v).await))
    });
    let record = record.map(|r| quote!(#r;));
    let made = early_return(&quote!(__modkit_ctx.made::<#name, #ty>(#index, __modkit_r)));
    let coerced = cx.coerce(i, quote!(__modkit_v));
    replaceable(
        cx,
        i,
        &quote! {
            let __modkit_r = #call;
            let __modkit_v = #made;
            #record
            #coerced
        },
        true,
    )
}

/// The export of a global module that global local `l` names, the module inferred from its type;
/// the method carries the span of the provider that depends on it, where a type no global
/// exports is reported.
fn global_call(cx: &Ctx<'_>, l: &crate::join::model::Local) -> TokenStream {
    let (ty, name) = (&l.provided, cx.name);
    let global = quote_spanned!(l.ty.span()=> global::<#name, #ty, _>);
    quote!(__modkit_ctx.#global()?)
}

/// The argument a dependency edge hands over: a local built before, or an import's export.
fn arg(cx: &Ctx<'_>, e: &Edge) -> TokenStream {
    let p = &cx.p;
    match *e {
        Edge::Local(j) => {
            let l = cx.model.local(j);
            if let LocalKind::Alias(t) = l.kind {
                let (var, provided) = (Ctx::local_field(t), &l.provided);
                let target = &cx.model.local(t).provided;
                quote!({ let a: #p::Arc<#target> = #p::Arc::clone(&#var); let a: #p::Arc<#provided> = a; a })
            } else {
                let var = Ctx::local_field(j);
                quote!(#p::Arc::clone(&#var))
            }
        }
        Edge::Seen(n) => seen_arg(cx, n),
    }
}

/// A seen singleton, fetched from the import that exports it.
fn seen_arg(cx: &Ctx<'_>, n: crate::join::model::SeenId) -> TokenStream {
    let (p, name) = (&cx.p, cx.name);
    let s = cx.model.seen(n);
    let var = Ctx::import_field(s.import);
    let imp = cx.import_ty(s.import);
    let k = crate::util::position(p, s.k);
    quote!(<#imp as #p::ExportAt<#k, #name>>::export(&#var))
}

/// `built` (an expression; with `block`, the statements of a block ending in one), or with the
/// `testing` feature (`super::TESTING`) the replacement of local `i` a test supplied, else
/// `built`: `__replaced_or!` (`modkit/src/testing.rs`). The construction and the hooks are in
/// `built`, so a replaced provider runs neither.
fn replaceable(cx: &Ctx<'_>, i: LocalId, built: &TokenStream, block: bool) -> TokenStream {
    if !super::TESTING {
        return if block {
            quote!({ #built })
        } else {
            built.clone()
        };
    }
    let (p, name) = (&cx.p, cx.name);
    let provided = &cx.model.local(i).provided;
    quote!(#p::__replaced_or!(__modkit_ctx [#name] [#provided] { #built }))
}

/// `result?` written out: a `match` that returns the error. rustc checks it with no `Try` or
/// `From` impl to select, and a module's build has one per import and per singleton (3.5% of
/// `cargo check` of the scale app at N = 100).
fn early_return(result: &TokenStream) -> TokenStream {
    quote! {
        match #result {
            ::core::result::Result::Ok(__modkit_ok) => __modkit_ok,
            ::core::result::Result::Err(__modkit_err) => return ::core::result::Result::Err(__modkit_err),
        }
    }
}
