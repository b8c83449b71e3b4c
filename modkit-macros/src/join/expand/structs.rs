//! The module's parts (its built providers and imported singletons), its builder, and the
//! coercions of its bindings.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::Ctx;
use crate::join::model::ImportId;
use crate::util::pretty;

/// `Parts` (what the module struct holds), the wiring type, and the builder.
pub(super) fn structs(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        spec,
        model,
        layout,
        p,
        name,
        builder,
        parts,
        ..
    } = cx;
    let vis = &spec.vis;
    let wiring = crate::join::stub::wiring_ident(name);
    let stored_fields: Vec<_> = layout.stored.iter().map(|&i| Ctx::local_field(i)).collect();
    let stored_tys: Vec<_> = layout
        .stored
        .iter()
        .map(|&i| &model.local(i).provided)
        .collect();
    let held_fields = layout.held.iter().map(|&n| Ctx::seen_field(n));
    let held_tys = layout.held.iter().map(|&n| cx.seen_ty(n, &quote!(#name)));
    let kept_fields = layout.kept.iter().map(|&j| Ctx::import_field(j));
    let kept_tys = layout.kept.iter().map(|&j| cx.import_ty(j));
    let erased_fields = (0..model.imports.len())
        .map(ImportId)
        .filter(|&j| !layout.is_kept(j))
        .map(Ctx::import_field);
    let import_fields = (0..model.imports.len()).map(|j| Ctx::import_field(ImportId(j)));
    let import_tys = model.imports.iter().map(|i| &i.ty);
    // A module built directly (`Layout::direct`) has no builder.
    let builder_struct = (!layout.direct).then(|| {
        quote! {
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            #vis struct #builder {
                #(#stored_fields: ::core::option::Option<#p::Arc<#stored_tys>>,)*
                #(#import_fields: #p::Arc<#import_tys>,)*
            }
        }
    });
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #parts {
            #(#stored_fields: #p::Arc<#stored_tys>,)*
            #(#held_fields: #p::Arc<#held_tys>,)*
            #(#kept_fields: #p::Arc<#kept_tys>,)*
            #(#erased_fields: #p::AnyModule,)*
            __modkit_base: usize,
        }
        #[automatically_derived]
        impl<__T: ?::core::marker::Sized, __S> #p::Hands<#name, __T, __S> for #wiring
        where
            #name: #p::Inject<__T, __S, #name>,
        {
            #[inline]
            fn get(__modkit_m: &#name) -> #p::Arc<__T> {
                <#name as #p::Inject<__T, __S, #name>>::get(__modkit_m)
            }
            #[inline]
            fn get_in(__modkit_m: &#name, __modkit_c: &#p::Cells) -> #p::Arc<__T> {
                <#name as #p::Inject<__T, __S, #name>>::get_in(__modkit_m, __modkit_c)
            }
        }
        #builder_struct
    }
}

/// Bindings coerce `Arc<Impl>` to `Arc<dyn Trait>` through a generated trait whose supertraits
/// are the trait object's bounds: when `Impl` lacks one, rustc reports that trait's message.
pub(super) fn bindings(cx: &Ctx<'_>) -> TokenStream {
    let p = &cx.p;
    let module_name = &cx.module_name;
    cx.model
        .locals()
        .filter_map(|(i, l)| {
            let (tr, f) = cx.binding_names(i)?;
            let syn::Type::TraitObject(obj) = &l.spelled else {
                return None;
            };
            let bounds = &obj.bounds;
            let (imp, dy) = (pretty(&l.ty), pretty(&l.spelled));
            let (how, other) = if l.contributes {
                ("contributed", "contribute another provider as")
            } else {
                ("bound", "bind another provider to")
            };
            let msg = format!(
                "`{{Self}}` is {how} as `{dy}` in module `{module_name}`, and it does not implement all of `{}`",
                pretty(bounds)
            );
            let label = format!("`{imp} as {dy}` needs `{imp}: {}`", pretty(bounds));
            let note = format!("fix: implement the trait for `{imp}`, or {other} `{dy}`");
            let provided = &l.provided;
            Some(quote_spanned! {l.ty.span()=>
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
        })
        .collect()
}
