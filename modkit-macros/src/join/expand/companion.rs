//! The module's own companion macro: its manifest, for the modules that import it.

use proc_macro2::TokenStream;
use quote::format_ident;

use super::Ctx;
use super::exports::seen_hintable;
use crate::join::model::Export;
use crate::wire::{Manifest, ManifestExport, ManifestItem};

pub(super) fn companion(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        spec,
        model,
        layout,
        module_name,
        ..
    } = cx;
    let exports = manifest_exports(cx);
    let privates = model
        .locals()
        .filter(|(i, _)| model.hints_private(*i))
        .enumerate()
        .map(|(k, (_, l))| l.id.item(k))
        .collect();
    let seen = model
        .seens()
        .filter(|(n, s)| seen_hintable(cx, *n, s))
        .enumerate()
        .map(|(k, (_, s))| s.id.item(k))
        .collect();
    let values = layout
        .values
        .iter()
        .enumerate()
        .map(|(k, v)| ManifestItem {
            k,
            key: v.key.clone(),
            exact: false,
            spelling: v.spelling.clone(),
        })
        .collect();
    let manifest = Manifest {
        id: spec.id.clone(),
        name: module_name.clone(),
        public: spec.public,
        is_async: layout.is_async(),
        exports,
        privates,
        seen,
        values,
        seeded: layout.seeded(),
        globals: layout
            .globals
            .iter()
            .enumerate()
            .map(|(k, g)| ManifestItem {
                k,
                key: g.key.clone(),
                exact: true,
                spelling: g.name.clone(),
            })
            .collect(),
        global_exports: layout
            .globals
            .iter()
            .enumerate()
            .flat_map(|(k, g)| {
                g.exports
                    .iter()
                    .map(move |id| ManifestItem { k, ..id.item(k) })
            })
            .collect(),
        needs_globals: layout.needs_globals(),
        broken: false,
        collections: super::collections::manifest(cx),
        kept: super::collections::kept(cx),
    };
    emit(spec, &manifest)
}

/// The companion macro carrying `manifest`, under the module's own name.
pub(crate) fn emit(spec: &crate::wire::Spec, manifest: &Manifest) -> TokenStream {
    // `#[module]` writes `path#hex`; a hand-written `__join!` call may not (found by fuzzing).
    let hash: String = spec
        .id
        .rsplit('#')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let vis: syn::Visibility = syn::parse2(spec.vis.clone()).unwrap_or(syn::Visibility::Inherited);
    let name = &spec.name;
    crate::chain::companion(
        &format_ident!("__modkit_mod_{}_{}", name, hash),
        name,
        &vis,
        &quote::ToTokens::to_token_stream(manifest),
    )
}

/// The module's exports as its importers see them.
fn manifest_exports(cx: &Ctx<'_>) -> Vec<ManifestExport> {
    let Ctx {
        spec,
        model,
        module_name,
        ..
    } = cx;
    model
        .exports
        .iter()
        .enumerate()
        .map(|(k, e)| match *e {
            Export::Local(i) => {
                let l = model.local(i);
                ManifestExport {
                    k,
                    key: l.id.key.clone(),
                    name: l.name.clone(),
                    exact: l.id.exact,
                    spelling: l.id.spelling.clone(),
                    origin_id: spec.id.clone(),
                    origin: module_name.clone(),
                    life: l.life,
                }
            }
            Export::Collection { import, k: at } => {
                let m = &model.import(import).manifest;
                // The check found the export at `at` (`Export::Collection` is made from it).
                let e = m.exports.iter().find(|e| e.k == at).cloned();
                let mut e = e.unwrap_or_else(|| ManifestExport {
                    k,
                    key: String::new(),
                    name: String::new(),
                    exact: false,
                    spelling: String::new(),
                    origin_id: m.id.clone(),
                    origin: m.name.clone(),
                    life: crate::wire::Life::Singleton,
                });
                e.k = k;
                e
            }
            Export::Seen(n) => {
                let s = model.seen(n);
                ManifestExport {
                    k,
                    key: s.id.key.clone(),
                    name: s.name.clone(),
                    exact: s.id.exact,
                    spelling: s.id.spelling.clone(),
                    origin_id: s.origin_id.clone(),
                    origin: s.origin.clone(),
                    life: s.life,
                }
            }
        })
        .collect()
}
