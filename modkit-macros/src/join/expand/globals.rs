//! What a global module (`#[module(global, ..)]`) writes: one `GlobalExport` impl per exported
//! singleton, through which a module that does not import it finds its exports (the global
//! module is inferred from the type).

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::join::model::Export;
use crate::wire::Life;

pub(super) fn globals(cx: &Ctx<'_>) -> TokenStream {
    if !cx.spec.global {
        return TokenStream::new();
    }
    let (p, name, model) = (&cx.p, cx.name, cx.model);
    let impls = model.exports.iter().enumerate().filter_map(|(k, e)| {
        let life = match *e {
            Export::Local(i) => model.local(i).life,
            Export::Seen(n) => model.seen(n).life,
        };
        (life == Life::Singleton).then(|| {
            let k = crate::util::position(p, k);
            quote! {
                impl #p::GlobalExport<#name> for <#name as #p::ExportAt<#k, #name>>::Ty {
                    #[inline]
                    fn export_from(g: &#name) -> #p::Arc<Self> {
                        <#name as #p::ExportAt<#k, #name>>::export(g)
                    }
                }
            }
        })
    });
    quote!(#(#impls)*)
}
