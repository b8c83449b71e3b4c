//! Collections: the build of a module's collection from its contributions and its imports'
//! collections, the `ExportAt` of a collection handed on as an import exports it, and the
//! manifest entries that tell importers which contributions an exported collection holds.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Ctx;
use crate::join::layout::reused;
use crate::join::model::{CollectionId, Export, ImportId, ItemSource, LocalId, LocalKind};
use crate::wire::{ManifestCollection, ManifestContribution};

/// The built collection, an `Arc` of it: the contributions in order, each own one cloned from
/// its local (a variable in a direct build, a builder slot otherwise), each imported one from
/// the import's collection; an import's whole collection is handed on as it is.
pub(super) fn value(cx: &Ctx<'_>, cid: CollectionId, direct: bool) -> TokenStream {
    let Ctx { p, name, model, .. } = cx;
    let c = model.collection(cid);
    let handle = |j: ImportId| {
        let f = Ctx::import_field(j);
        if direct {
            quote!(&#f)
        } else {
            quote!(&__modkit_b.#f)
        }
    };
    let export = |j: ImportId, k: usize| {
        let imp = cx.import_ty(j);
        let k = crate::util::position(p, k);
        let h = handle(j);
        quote!(<#imp as #p::ExportAt<#k, #name>>::export(#h))
    };
    if let Some((j, k)) = reused(model, c) {
        return export(j, k);
    }
    let mut sources: Vec<(ImportId, usize)> = Vec::new();
    for it in &c.items {
        if let ItemSource::Import { import, k, .. } = it.source
            && !sources.contains(&(import, k))
        {
            sources.push((import, k));
        }
    }
    let vars: Vec<syn::Ident> = (0..sources.len())
        .map(|n| format_ident!("__modkit_c{}", n))
        .collect();
    let binds = sources.iter().zip(&vars).map(|(&(j, k), v)| {
        let e = export(j, k);
        quote!(let #v = #e;)
    });
    let steps = runs(&c.items).into_iter().map(|run| match run {
        Run::Own(l, key) => {
            let f = Ctx::local_field(l);
            let arc = if direct {
                quote!(#p::Arc::clone(&#f))
            } else {
                quote!(#p::got(&__modkit_b.#f))
            };
            if let Some(key) = key {
                quote!(__modkit_v.push((#key, #arc));)
            } else {
                quote!(__modkit_v.push(#arc);)
            }
        }
        Run::Import(src, from, to) => {
            let n = sources.iter().position(|s| *s == src).unwrap_or(0);
            let v = &vars[n];
            let extend = if c.keyed {
                quote!(keyed_extend)
            } else {
                quote!(all_extend)
            };
            quote!(#p::#extend(&mut __modkit_v, &*#v, #from, #to);)
        }
    });
    let make = if c.keyed {
        quote!(collect_keyed)
    } else {
        quote!(collect_all)
    };
    let n = c.items.len();
    quote! {{
        #(#binds)*
        let mut __modkit_v = ::std::vec::Vec::with_capacity(#n);
        #(#steps)*
        #p::#make(__modkit_v)
    }}
}

/// A stretch of a collection's items: one own contribution (with its key), or the items
/// `from..to` of one import's collection.
enum Run<'a> {
    Own(LocalId, Option<&'a String>),
    Import((ImportId, usize), usize, usize),
}

/// The items as stretches: consecutive items of one import's collection are one `extend`, so
/// the build is as long as the number of imports, not of contributions.
fn runs(items: &[crate::join::model::Item]) -> Vec<Run<'_>> {
    let mut out: Vec<Run<'_>> = Vec::new();
    for it in items {
        match it.source {
            ItemSource::Own(l) => out.push(Run::Own(l, it.key.as_ref())),
            ItemSource::Import { import, k, i } => {
                if let Some(Run::Import(src, _, to)) = out.last_mut()
                    && *src == (import, k)
                    && *to == i
                {
                    *to = i + 1;
                } else {
                    out.push(Run::Import((import, k), i, i + 1));
                }
            }
        }
    }
    out
}

/// The type of local collection `cid` as the importer `importer` names it: spelled when the
/// module spells its element type, else through the import it reaches the module by.
pub(super) fn ty(cx: &Ctx<'_>, cid: CollectionId, importer: &TokenStream) -> Option<TokenStream> {
    let c = cx.model.collection(cid);
    if c.named.is_some() {
        return None;
    }
    let (j, k) = c.via?;
    let (p, imp) = (&cx.p, cx.import_ty(j));
    let k = crate::util::position(p, k);
    Some(quote!(<#imp as #p::ExportAt<#k, #importer>>::Ty))
}

/// `ExportAt` of a collection an import exports, handed on as it is (a re-exported import).
pub(super) fn export_at(cx: &Ctx<'_>, at: usize, import: ImportId, k: usize) -> TokenStream {
    let Ctx { krate, p, name, .. } = cx;
    let imp = cx.import_ty(import);
    let f = Ctx::import_field(import);
    let k = crate::util::position(p, k);
    let handle = if cx.layout.is_kept(import) {
        quote!(&self.__modkit.#f)
    } else {
        quote!(#p::erased::<#imp>(&self.__modkit.#f))
    };
    let life = crate::wire::Life::Singleton.marker(krate);
    let at = crate::util::position(p, at);
    quote! {
        #[automatically_derived]
        impl<__I> #p::ExportAt<#at, __I> for #name {
            type Ty = <#imp as #p::ExportAt<#k, __I>>::Ty;
            type Life = #life;
            #[inline]
            fn export(&self) -> #p::Arc<Self::Ty> { <#imp as #p::ExportAt<#k, __I>>::export(#handle) }
        }
    }
}

/// The manifest's `collections`: for each exported collection, its contributions in order.
pub(super) fn manifest(cx: &Ctx<'_>) -> Vec<ManifestCollection> {
    let model = cx.model;
    model
        .exports
        .iter()
        .enumerate()
        .filter_map(|(at, e)| match *e {
            Export::Local(l) => {
                let LocalKind::Collection(cid) = model.local(l).kind else {
                    return None;
                };
                let items = model
                    .collection(cid)
                    .items
                    .iter()
                    .map(|it| ManifestContribution {
                        id: it.id.clone(),
                        key: it.key.iter().cloned().collect(),
                        who: if it.key.is_some() {
                            vec![it.name.clone(), it.origin.clone()]
                        } else {
                            Vec::new()
                        },
                    })
                    .collect();
                Some(ManifestCollection { k: at, items })
            }
            Export::Collection { import, k } => {
                let m = &model.import(import).manifest;
                let c = m.collections.iter().find(|c| c.k == k)?;
                Some(ManifestCollection {
                    k: at,
                    items: c.items.clone(),
                })
            }
            Export::Seen(_) => None,
        })
        .collect()
}

/// The manifest's `kept`: the collections the module has and does not export.
pub(super) fn kept(cx: &Ctx<'_>) -> Vec<String> {
    let model = cx.model;
    model
        .locals()
        .filter(|(i, l)| matches!(l.kind, LocalKind::Collection(_)) && !model.is_exported(*i))
        .map(|(_, l)| l.id.spelling.clone())
        .collect()
}
