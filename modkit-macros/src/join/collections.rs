//! The join's rules for contributions (`contribute = [..]`, `collect = [..]`): each contribution
//! is a local provider built once; each collection the module sees is a local singleton that
//! gathers what its imports export, in import order, then the module's own contributions. A key
//! given twice in a keyed collection, a contribution that is not a singleton, and a dependency
//! on a collection nothing fills (and nobody declared) are errors here, at macro time.

use quote::quote;

use super::model::{
    Collection, CollectionId, Identity, ImportId, Item, ItemSource, Local, LocalId, LocalKind,
    Model,
};
use crate::diag;
use crate::util::{elem_key, elem_key_str, pretty, short_name};
use crate::wire::{ContributionSpec, Life, Payload, ProviderPayload, Spec};

/// The contributions (one payload each, in `contribute = [..]` order), then the collections.
pub(crate) fn contributions(
    spec: &Spec,
    payloads: &mut std::vec::IntoIter<Payload>,
    model: &mut Model,
    errors: &mut Vec<syn::Error>,
) {
    let mut own = Vec::new();
    // Collections a rejected contribution was meant for: they exist, so that dependants of
    // them stay quiet (one mistake, one error).
    let mut rejected = Vec::new();
    for c in &spec.contribute {
        match payloads.next() {
            Some(Payload::Provider(p)) => {
                if p.life != Life::Singleton {
                    let into = collection_name(c, &p);
                    errors.push(diag::contribution_not_singleton(
                        &c.ty, p.life, &into, &spec.name,
                    ));
                    rejected.push((!c.key.is_empty(), elem_spelling(c, &p)));
                    continue;
                }
                let bases = p.deps.iter().filter_map(|d| d.base().map(str::to_owned));
                model.wanted.extend(bases);
                let id = LocalId(model.locals.len());
                model.locals.push(contribution(spec, c, &p, id.0));
                own.push((c, p, id));
            }
            Some(Payload::Module(m)) => {
                errors.push(diag::module_in_contribute(&c.ty, &spec.name, &m.name));
            }
            None => errors.push(diag::chain_ended(&c.ty)),
        }
    }
    collections(spec, model, &own, errors);
    for (keyed, elem) in rejected {
        let coll = Collection::spelling_of(keyed, &elem);
        if model.locals.iter().any(|l| l.id.spelling == coll) {
            continue;
        }
        let Ok(ty) = syn::parse_str::<syn::Type>(&elem) else {
            continue;
        };
        let coll = Collection {
            keyed,
            elem,
            named: Some(quote!(#ty)),
            via: None,
            items: Vec::new(),
        };
        push(spec, model, coll);
    }
}

/// `All<dyn Check>` or `Keyed<dyn Check>`, as a contribution fills it.
fn collection_name(c: &ContributionSpec, p: &ProviderPayload) -> String {
    Collection::spelling_of(!c.key.is_empty(), &elem_spelling(c, p))
}

/// The element type as spelled: the trait object, or the provider's own type.
fn elem_spelling(c: &ContributionSpec, p: &ProviderPayload) -> String {
    match c.into.first() {
        Some(d) => elem_key(d),
        None if p.factory => elem_key_str(&p.output),
        None => short_name(&c.ty),
    }
}

/// The local a contribution builds: like a provider (or a binding), but no dependency can name it.
fn contribution(spec: &Spec, c: &ContributionSpec, p: &ProviderPayload, n: usize) -> Local {
    let ty = &c.ty;
    let krate = &spec.krate;
    let (provided, spelled) = match c.into.first() {
        Some(d) => (quote!(#d), d.clone()),
        None if p.factory => (
            quote!(<#ty as #krate::__private::Provider>::Output),
            ty.clone(),
        ),
        None => (quote!(#ty), ty.clone()),
    };
    Local {
        ty: ty.clone(),
        provided,
        spelled,
        // Unique and spelled as no type is: no dependency, export or collision rule matches it.
        id: Identity {
            key: format!("contribution:{n}:{}", p.key),
            exact: true,
            spelling: format!("{} as {}", pretty(ty), collection_name(c, p)),
        },
        name: short_name(ty),
        hintable: false,
        kind: LocalKind::Built { factory: p.factory },
        life: p.life,
        is_async: p.is_async,
        hooks: p.hooks,
        deps: p.deps.clone(),
        global_of: None,
        contributes: true,
    }
}

/// A collection being gathered.
struct Gathering {
    coll: Collection,
}

/// Every collection the module sees: the imports' exported ones, its own contributions, its
/// `collect = [..]` declarations; each becomes a local.
fn collections(
    spec: &Spec,
    model: &mut Model,
    own: &[(&ContributionSpec, ProviderPayload, LocalId)],
    errors: &mut Vec<syn::Error>,
) {
    let mut found: Vec<Gathering> = Vec::new();
    for (j, import) in model.imports.iter().enumerate() {
        let m = &import.manifest;
        for c in &m.collections {
            let Some(e) = m.exports.iter().find(|e| e.k == c.k) else {
                continue;
            };
            let Some((keyed, elem)) = split_key(&e.key) else {
                continue;
            };
            let g = gathering(&mut found, keyed, elem);
            if g.coll.named.is_none() && g.coll.via.is_none() {
                g.coll.via = Some((ImportId(j), c.k));
            }
            for (i, it) in c.items.iter().enumerate() {
                let item = Item {
                    id: it.id.clone(),
                    name: it.who.first().cloned().unwrap_or_default(),
                    origin: it.who.get(1).cloned().unwrap_or_default(),
                    key: it.key.first().cloned(),
                    source: ItemSource::Import {
                        import: ImportId(j),
                        k: c.k,
                        i,
                    },
                };
                add(g, item, &import.ty, &spec.name, errors);
            }
        }
    }
    for (c, p, id) in own {
        let keyed = !c.key.is_empty();
        let g = gathering(&mut found, keyed, &elem_spelling(c, p));
        g.coll.named = Some(model.local(*id).provided.clone());
        let item = Item {
            id: contribution_id(&spec.id, &p.key),
            name: short_name(&c.ty),
            origin: spec.name.to_string(),
            key: c.key.first().cloned(),
            source: ItemSource::Own(*id),
        };
        if g.coll.items.iter().any(|i| i.id == item.id) {
            errors.push(diag::module_listed_twice(&c.ty, "contribute", &spec.name));
            continue;
        }
        add(g, item, &c.ty, &spec.name, errors);
    }
    for d in &spec.collect {
        let elem = &d.elem;
        let g = gathering(&mut found, d.keyed, &elem_key(elem));
        g.coll.named = Some(quote!(#elem));
    }
    for g in found {
        push(spec, model, g.coll);
    }
}

/// A contribution's id in manifests: a hash of its module's id and its provider's key, short
/// because every importer's manifest lists every contribution it hands on.
fn contribution_id(module: &str, key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in module.bytes().chain([0xff]).chain(key.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// `(keyed, elem)` of a collection's identity key.
fn split_key(key: &str) -> Option<(bool, &str)> {
    if let Some(e) = key.strip_prefix("all:") {
        Some((false, e))
    } else {
        key.strip_prefix("keyed:").map(|e| (true, e))
    }
}

fn gathering<'a>(found: &'a mut Vec<Gathering>, keyed: bool, elem: &str) -> &'a mut Gathering {
    let at = found
        .iter()
        .position(|g| g.coll.keyed == keyed && g.coll.elem == elem);
    let at = at.unwrap_or_else(|| {
        found.push(Gathering {
            coll: Collection {
                keyed,
                elem: elem.to_owned(),
                named: None,
                via: None,
                items: Vec::new(),
            },
        });
        found.len() - 1
    });
    &mut found[at]
}

/// Adds an item, unless it is already there (a diamond); a key given twice is an error.
fn add(
    g: &mut Gathering,
    item: Item,
    span: &syn::Type,
    module: &syn::Ident,
    errors: &mut Vec<syn::Error>,
) {
    if g.coll.items.iter().any(|i| i.id == item.id) {
        return;
    }
    if let Some(key) = &item.key
        && let Some(first) = g.coll.items.iter().find(|i| i.key.as_ref() == Some(key))
    {
        let coll = Collection::spelling_of(true, &g.coll.elem);
        errors.push(diag::keyed_twice(
            span,
            module,
            &coll,
            key,
            (&first.name, &first.origin),
            (&item.name, &item.origin),
        ));
        return;
    }
    g.coll.items.push(item);
}

/// The collection's local: a stored singleton whose dependencies are the own contributions.
fn push(spec: &Spec, model: &mut Model, coll: Collection) {
    let krate = &spec.krate;
    let p = quote!(#krate::__private);
    let spelling = Collection::spelling_of(coll.keyed, &coll.elem);
    let provided = match (&coll.named, coll.via) {
        (Some(elem), _) if coll.keyed => quote!(#krate::Keyed<#elem>),
        (Some(elem), _) => quote!(#krate::All<#elem>),
        (None, Some((j, k))) => {
            let imp = &model.import(j).ty;
            let name = &spec.name;
            let k = crate::util::position(&p, k);
            quote!(<#imp as #p::ExportAt<#k, #name>>::Ty)
        }
        (None, None) => return,
    };
    let ty: syn::Type = syn::parse2(provided.clone()).unwrap_or_else(|_| syn::parse_quote!(()));
    let cid = CollectionId(model.collections.len());
    model.locals.push(Local {
        ty: ty.clone(),
        provided,
        spelled: ty,
        id: Identity {
            key: Collection::key_of(coll.keyed, &coll.elem),
            exact: false,
            spelling: spelling.clone(),
        },
        name: spelling,
        hintable: false,
        kind: LocalKind::Collection(cid),
        life: Life::Singleton,
        is_async: false,
        hooks: false,
        deps: Vec::new(),
        global_of: None,
        contributes: false,
    });
    model.collections.push(coll);
}

/// A provider that depends on a collection nothing fills here (no contribution it can see, no
/// `collect = [..]`): one error at the provider, instead of "cannot provide".
pub(crate) fn unfilled(spec: &Spec, model: &Model, errors: &mut Vec<syn::Error>) {
    for l in &model.locals {
        if !matches!(l.kind, LocalKind::Built { .. }) {
            continue;
        }
        for d in &l.deps {
            let Some((keyed, elem)) = collection_spelling(&d.spelling) else {
                continue;
            };
            let elem = elem_key_str(elem);
            let coll = Collection::spelling_of(keyed, &elem);
            let known = model.locals.iter().any(|o| o.id.spelling == coll)
                || model.seen.iter().any(|s| s.id.spelling == d.spelling);
            if known {
                continue;
            }
            let keeper = model
                .imports
                .iter()
                .find(|i| i.manifest.kept.contains(&coll));
            errors.push(match keeper {
                Some(k) => diag::collection_not_exported(
                    &l.ty,
                    &spec.name,
                    &coll,
                    &l.name,
                    &k.manifest.name,
                ),
                None => diag::collection_unfilled(&l.ty, &spec.name, keyed, &elem, &l.name),
            });
        }
    }
}

/// `(keyed, elem)` of a spelling `All<elem>` or `Keyed<elem>`.
fn collection_spelling(s: &str) -> Option<(bool, &str)> {
    let (keyed, rest) = if let Some(r) = s.strip_prefix("All<") {
        (false, r)
    } else {
        (true, s.strip_prefix("Keyed<")?)
    };
    rest.strip_suffix('>').map(|e| (keyed, e))
}

/// The export of a collection `exports = [All<T>]` names: the module's own view of it.
pub(crate) fn export_of(model: &Model, ty: &syn::Type) -> Option<LocalId> {
    let (keyed, elem) = crate::util::collection_of(ty)?;
    let key = Collection::key_of(keyed, &elem_key(&elem));
    model
        .locals()
        .find(|(_, l)| l.id.key == key)
        .map(|(i, _)| i)
}
