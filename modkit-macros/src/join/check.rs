//! The join's rules: pair each listed entry with its payload, and check what needs all of them at
//! once (a provider given twice under two spellings, two imports exporting one type, an export
//! nobody provides). Builds the [`Model`]; every error goes through [`crate::diag`].

use quote::quote;

use super::model::{
    Collection, Edge, Export, Hint, Identity, Import, ImportId, ItemSource, Local, LocalId,
    LocalKind, Model, Seen, SeenId, base_of,
};
use crate::diag;
use crate::util::{generic_args, pretty, same_tokens, short_name};
use crate::wire::{Dep, ExportSpec, Life, Payload, ProviderPayload, ProviderSpec, Spec};

/// Checks the module and builds its model; errors are pushed, and the model holds what passed.
pub(crate) fn check(spec: &Spec, payloads: Vec<Payload>, errors: &mut Vec<syn::Error>) -> Model {
    let mut payloads = payloads.into_iter();
    let mut model = Model {
        locals: Vec::new(),
        imports: Vec::new(),
        seen: Vec::new(),
        hints: Vec::new(),
        exports: Vec::new(),
        wanted: Vec::new(),
        late_wanted: Vec::new(),
        edges: None,
        collections: Vec::new(),
    };
    locals(spec, &mut payloads, &mut model, errors);
    imports(spec, &mut payloads, &mut model, errors);
    seen(spec, &mut model, errors);
    super::collections::contributions(spec, &mut payloads, &mut model, errors);
    hints(spec, &mut model);
    exports(spec, &mut payloads, &mut model, errors);
    super::collections::unfilled(spec, &model, errors);
    globals(&mut model);
    if errors.is_empty() {
        // Two global modules imported side by side already collide as imports.
        global_collisions(spec, &model, errors);
    }
    model.edges = edges(&model);
    if let Some(edges) = &model.edges
        && let Some(cycle) = super::model::find_cycle(edges)
    {
        let path: Vec<String> = cycle.iter().map(|&i| model.local(i).display()).collect();
        errors.push(diag::provider_cycle(
            &model.local(cycle[0]).ty,
            &spec.name,
            &path,
        ));
    }
    model
}

/// Every local's dependency edges, when each dependency's spelling names exactly one type the
/// module sees; `None` when one does not (a qualified path, a type alias, two types of one
/// spelling): the compiler then works the edges out (`Resolve::DEP`, in `const` items).
fn edges(model: &Model) -> Option<Vec<Vec<Edge>>> {
    model
        .locals()
        .map(|(i, l)| match l.kind {
            LocalKind::Built { .. } => (l.deps.iter().enumerate())
                .map(|(k, d)| global_edge(model, i, k).or_else(|| edge(model, d)))
                .collect(),
            LocalKind::Value | LocalKind::Seed | LocalKind::Config | LocalKind::Global => {
                Some(Vec::new())
            }
            LocalKind::Alias(t) => Some(vec![Edge::Local(t)]),
            LocalKind::Collection(c) => Some(
                model
                    .collection(c)
                    .items
                    .iter()
                    .filter_map(|i| match i.source {
                        ItemSource::Own(l) => Some(Edge::Local(l)),
                        ItemSource::Import { .. } => None,
                    })
                    .collect(),
            ),
        })
        .collect()
}

/// The edge of the `k`-th dependency of local `me` when it is taken from a global module.
fn global_edge(model: &Model, me: LocalId, k: usize) -> Option<Edge> {
    model
        .locals()
        .find(|(_, g)| g.global_of == Some((me, k)))
        .map(|(g, _)| Edge::Local(g))
}

fn edge(model: &Model, dep: &Dep) -> Option<Edge> {
    if dep.qualified {
        return None;
    }
    let mut locals = model
        .locals()
        .filter(|(_, l)| l.kind != LocalKind::Global && l.id.spelling == dep.spelling);
    let mut seen = model.seens().filter(|(_, s)| s.id.spelling == dep.spelling);
    match (locals.next(), locals.next(), seen.next(), seen.next()) {
        (Some((i, _)), None, None, None) => Some(Edge::Local(i)),
        (None, None, Some((n, _)), None) => Some(Edge::Seen(n)),
        _ => None,
    }
}

type Payloads = std::vec::IntoIter<Payload>;

/// Globals: a dependency of a singleton that names nothing the module sees (no provider, no
/// import's export, nothing an import knows) is taken from the global module that exports it
/// (`#[module(global)]`), found by the trait system when the module is built. One local per
/// such dependency, standing for the `k`-th dependency of its provider: its type is inferred
/// from the provider's argument list (the module may not spell the type: the dependency is
/// written where the provider is). Local beats import beats global: only what matches nothing
/// else becomes one.
fn globals(model: &mut Model) {
    let mut known: Vec<String> = model.locals.iter().map(|l| l.id.spelling.clone()).collect();
    known.extend(model.seen.iter().map(|s| s.id.spelling.clone()));
    for import in &model.imports {
        let m = &import.manifest;
        known.extend(m.privates.iter().chain(&m.seen).map(|i| i.spelling.clone()));
    }
    let bases: Vec<&str> = known.iter().map(|k| base_of(k)).collect();
    let mut found: Vec<Local> = Vec::new();
    for (i, l) in model.locals.iter().enumerate() {
        if !matches!(l.kind, LocalKind::Built { .. }) || l.life != Life::Singleton {
            continue;
        }
        for (k, d) in l.deps.iter().enumerate() {
            let base = d.base().unwrap_or(&d.spelling);
            // A collection (`All<dyn T>`) is the collections' business, filled or not.
            let collection = syn::parse_str::<syn::Type>(&d.spelling)
                .is_ok_and(|t| crate::util::collection_of(&t).is_some());
            if collection || bases.contains(&base) || known.contains(&d.spelling) {
                continue;
            }
            found.push(global_local(&l.ty, LocalId(i), k, d));
        }
    }
    model.locals.extend(found);
}

/// Two global modules of the module's graph (the module included) that export one type: every
/// module of an app containing both could take it from either.
fn global_collisions(spec: &Spec, model: &Model, errors: &mut Vec<syn::Error>) {
    // (type, global module id, global module name)
    let mut met: Vec<(Identity, String, String)> = Vec::new();
    if spec.global {
        for id in model.global_exports() {
            met.push((id, spec.id.clone(), spec.name.to_string()));
        }
    }
    for import in &model.imports {
        let m = &import.manifest;
        for e in &m.global_exports {
            let Some(g) = m.globals.iter().find(|g| g.k == e.k) else {
                continue;
            };
            let id = Identity::from(e);
            match met.iter().find(|(t, _, _)| t.same_type(&id)) {
                Some((_, gid, _)) if *gid == g.key => {}
                Some((_, _, first)) => {
                    errors.push(diag::global_collision(
                        &import.ty,
                        &spec.name,
                        (first, &g.spelling),
                        &e.spelling,
                    ));
                    return;
                }
                None => met.push((id, g.key.clone(), g.spelling.clone())),
            }
        }
    }
}

/// The local of a global's export: the `k`-th dependency of provider `of` (of type `ty`). A
/// module built directly never names its type (inferred from the provider's argument list); one
/// built through its builder keeps it in a field and names it as the dependency is spelled (its
/// last path segment), which the module's scope must name: no per-provider alias, whose cost
/// every module would pay (1.5% of `cargo check` of the N = 100 scale app).
fn global_local(ty: &syn::Type, of: LocalId, k: usize, d: &Dep) -> Local {
    let parsed = syn::parse_str::<syn::Type>(&d.spelling).unwrap_or_else(|_| ty.clone());
    Local {
        ty: parsed.clone(),
        provided: quote!(#parsed),
        spelled: parsed,
        id: Identity {
            key: format!("global:{}", d.spelling),
            exact: false,
            spelling: d.spelling.clone(),
        },
        name: d.spelling.clone(),
        hintable: false,
        kind: LocalKind::Global,
        life: Life::Singleton,
        is_async: false,
        hooks: false,
        deps: Vec::new(),
        global_of: Some((of, k)),
        contributes: false,
    }
}

/// Providers, then values and seeds, then aliases (which name a provider).
fn locals(spec: &Spec, payloads: &mut Payloads, model: &mut Model, errors: &mut Vec<syn::Error>) {
    let module = &spec.name;
    let mut aliases = Vec::new();
    for entry in &spec.providers {
        let (ty, bind) = match entry {
            ProviderSpec::Plain(t) => (t, None),
            ProviderSpec::Bind(t, d) => (t, Some(d)),
            ProviderSpec::Alias(d, t) => {
                aliases.push((d, t));
                continue;
            }
        };
        match payloads.next() {
            Some(Payload::Provider(p)) => {
                let bases = p.deps.iter().filter_map(|d| d.base().map(str::to_owned));
                if p.life != Life::Singleton {
                    model.late_wanted.extend(bases.clone());
                }
                model.wanted.extend(bases);
                let local = built(spec, ty, bind, &p);
                push_local(model, local, module, errors);
            }
            Some(Payload::Module(m)) => errors.push(diag::module_in_providers(ty, module, &m.name)),
            None => errors.push(diag::chain_ended(ty)),
        }
    }
    for v in &spec.values {
        push_local(model, supplied(v, LocalKind::Value), module, errors);
    }
    for v in &spec.seeds {
        push_local(model, supplied(v, LocalKind::Seed), module, errors);
    }
    for c in &spec.config {
        push_local(model, supplied(&c.ty, LocalKind::Config), module, errors);
    }
    for (d, t) in aliases {
        // The target is one of this module's providers (checked by `#[module]`).
        let Some(target) = model
            .locals
            .iter()
            .position(|l| matches!(l.kind, LocalKind::Built { .. }) && same_tokens(&l.ty, t))
        else {
            continue;
        };
        let life = model.locals[target].life;
        let local = Local {
            ty: d.clone(),
            provided: quote!(#d),
            spelled: d.clone(),
            id: dyn_identity(d),
            name: pretty(d),
            hintable: false,
            kind: LocalKind::Alias(LocalId(target)),
            life,
            is_async: false,
            hooks: false,
            deps: Vec::new(),
            global_of: None,
            contributes: false,
        };
        push_local(model, local, module, errors);
    }
}

/// The local of an entry of `values = [..]` (a singleton the app is built with) or
/// `seeds = [..]` (request-scoped, a scope is opened with it): identified by spelling.
fn supplied(v: &syn::Type, kind: LocalKind) -> Local {
    let (prefix, life) = match kind {
        LocalKind::Seed => ("seed", Life::Request),
        LocalKind::Config => ("config", Life::Singleton),
        _ => ("value", Life::Singleton),
    };
    Local {
        ty: v.clone(),
        provided: quote!(#v),
        spelled: v.clone(),
        id: Identity {
            key: format!("{prefix}:{}", pretty(v)),
            exact: false,
            spelling: short_name(v),
        },
        name: short_name(v),
        hintable: false,
        kind,
        life,
        is_async: false,
        hooks: false,
        deps: Vec::new(),
        global_of: None,
        contributes: false,
    }
}

/// The identity of a trait object: by spelling.
fn dyn_identity(d: &syn::Type) -> Identity {
    Identity {
        key: format!("dyn:{}", pretty(d)),
        exact: false,
        spelling: pretty(d),
    }
}

/// The local an `#[injectable]` or `#[provider]` entry makes.
fn built(spec: &Spec, ty: &syn::Type, bind: Option<&syn::Type>, p: &ProviderPayload) -> Local {
    let args = generic_args(ty);
    let key = if args.is_empty() {
        p.key.clone()
    } else {
        format!("{}{args}", p.key)
    };
    let (provided, spelled, id, name) = match bind {
        Some(d) => (quote!(#d), d.clone(), dyn_identity(d), pretty(d)),
        None if p.factory => {
            let krate = &spec.krate;
            let id = Identity {
                key,
                exact: false,
                spelling: p.output.clone(),
            };
            let provided = quote!(<#ty as #krate::__private::Provider>::Output);
            (provided, ty.clone(), id, short_name(ty))
        }
        None => {
            let id = Identity {
                key,
                exact: !p.generic,
                spelling: short_name(ty),
            };
            (quote!(#ty), ty.clone(), id, short_name(ty))
        }
    };
    Local {
        ty: ty.clone(),
        provided,
        spelled,
        id,
        name,
        hintable: p.public || !spec.public,
        kind: LocalKind::Built { factory: p.factory },
        life: p.life,
        is_async: p.is_async,
        hooks: p.hooks,
        deps: p.deps.clone(),
        global_of: None,
        contributes: false,
    }
}

/// Adds a local, unless an earlier one provides the same type.
fn push_local(model: &mut Model, local: Local, module: &syn::Ident, errors: &mut Vec<syn::Error>) {
    match model.locals.iter().find(|l| l.id.same_type(&local.id)) {
        Some(first) => errors.push(diag::provided_twice(
            &local.ty,
            &first.ty,
            &local.id.spelling,
            module,
        )),
        None => model.locals.push(local),
    }
}

fn imports(spec: &Spec, payloads: &mut Payloads, model: &mut Model, errors: &mut Vec<syn::Error>) {
    let module = &spec.name;
    for ty in &spec.imports {
        match payloads.next() {
            Some(Payload::Module(m)) => {
                if m.id == spec.id {
                    errors.push(diag::imports_itself(ty, module));
                } else if let Some(first) = model.imports.iter().find(|i| i.manifest.id == m.id) {
                    errors.push(diag::imported_twice(ty, module, &first.manifest.name));
                } else {
                    model.imports.push(Import {
                        ty: ty.clone(),
                        manifest: m,
                    });
                }
            }
            Some(Payload::Provider(p)) => {
                errors.push(diag::provider_in_imports(ty, module, &p.name));
            }
            None => errors.push(diag::chain_ended(ty)),
        }
    }
}

/// What the imports export, minus what a local provider shadows (a module's own provider takes
/// precedence); two imports exporting one type from two providers is a collision, unless
/// `resolve = [T from J]` chooses import `J`'s.
fn seen(spec: &Spec, model: &mut Model, errors: &mut Vec<syn::Error>) {
    let mut used = vec![false; spec.resolve.len()];
    for (j, import) in model.imports.iter().enumerate() {
        for e in &import.manifest.exports {
            // Collections are gathered, not seen: two imports may both export one.
            if Collection::is_key(&e.key) {
                continue;
            }
            let id = Identity::from(e);
            if model.locals.iter().any(|l| l.id.same_type(&id)) {
                continue;
            }
            let seen = Seen {
                import: ImportId(j),
                k: e.k,
                id,
                name: e.name.clone(),
                origin_id: e.origin_id.clone(),
                origin: e.origin.clone(),
                life: e.life,
            };
            let Some(prev) = model.seen.iter_mut().find(|s| s.id.same_type(&seen.id)) else {
                model.seen.push(seen);
                continue;
            };
            if prev.origin_id == e.origin_id {
                continue;
            }
            let chosen = (spec.resolve.iter()).position(|r| short_name(&r.ty) == e.spelling);
            if let Some(r) = chosen {
                used[r] = true;
                if names_import(&spec.resolve[r].import, import) {
                    *prev = seen;
                }
            } else {
                let first = &model.imports[prev.import.0].manifest;
                errors.push(diag::import_collision(
                    &import.ty,
                    &spec.name,
                    (&first.name, &prev.origin),
                    (&import.manifest.name, &e.origin),
                    &e.spelling,
                ));
            }
        }
    }
    resolved(spec, model, &used, errors);
}

/// Whether `written` (the import of a `resolve` entry) names `import`: the same tokens, or the
/// module's name.
fn names_import(written: &syn::Type, import: &Import) -> bool {
    crate::util::same_tokens(written, &import.ty) || short_name(written) == import.manifest.name
}

/// Every `resolve = [T from J]` entry chose between colliding imports: `J` is an import that
/// exports `T`, `T` is not the module's own, and another import exports another `T`.
fn resolved(spec: &Spec, model: &Model, used: &[bool], errors: &mut Vec<syn::Error>) {
    for (r, entry) in spec.resolve.iter().enumerate() {
        let spelling = short_name(&entry.ty);
        if let Some(first) = spec.resolve[..r]
            .iter()
            .find(|f| short_name(&f.ty) == spelling)
        {
            errors.push(diag::resolve_twice(entry, first));
            continue;
        }
        let Some(import) = model
            .imports
            .iter()
            .find(|i| names_import(&entry.import, i))
        else {
            errors.push(diag::resolve_not_imported(entry, &spec.name));
            continue;
        };
        if !import
            .manifest
            .exports
            .iter()
            .any(|e| e.spelling == spelling)
        {
            errors.push(diag::resolve_not_exported(entry, &import.manifest.name));
        } else if model.locals.iter().any(|l| l.id.spelling == spelling) {
            errors.push(diag::resolve_own_provider(entry, &spec.name));
        } else if !used[r] {
            errors.push(diag::resolve_no_collision(entry, &spec.name));
        }
    }
}

/// Hints: types some import knows but does not hand to this module, and that a provider of this
/// module depends on by name. Each is a `Resolve` impl that exists only to fail with a message
/// naming the module that has the type; writing one per type an import knows would cost every
/// correct module compile time (rustc checks a module's impls pairwise for overlap). A type no
/// dependency names is asked for only through `App::get`/`Scope::get`, which fail with the
/// generic "cannot provide" message.
fn hints(_spec: &Spec, model: &mut Model) {
    let mut hinted: Vec<Identity> = Vec::new();
    let mut hints = Vec::new();
    for pass in 0..2 {
        for (j, import) in model.imports.iter().enumerate() {
            let m = &import.manifest;
            let items = if pass == 0 { &m.privates } else { &m.seen };
            for item in items {
                let id = Identity::from(item);
                let known = model.locals.iter().any(|l| l.id.same_type(&id))
                    || model.seen.iter().any(|s| s.id.same_type(&id))
                    || hinted.iter().any(|h| h.same_type(&id))
                    || !model.wanted.iter().any(|w| w == base_of(&id.spelling));
                if known {
                    continue;
                }
                hinted.push(id);
                let (import, k) = (ImportId(j), item.k);
                hints.push(if pass == 0 {
                    Hint::NotExported { import, k }
                } else {
                    Hint::OnlyThrough { import, k }
                });
            }
        }
    }
    model.hints = hints;
}

/// Exports: provider entries, whole imported modules, and types looked up by key.
fn exports(spec: &Spec, payloads: &mut Payloads, model: &mut Model, errors: &mut Vec<syn::Error>) {
    let mut out: Vec<Export> = Vec::new();
    let push = |out: &mut Vec<Export>, e: Export| {
        if !out.contains(&e) {
            out.push(e);
        }
    };
    for e in &spec.exports {
        match e {
            ExportSpec::Provider(ty) => {
                // Absent only when the provider itself was rejected above.
                if let Some(l) = model
                    .locals
                    .iter()
                    .position(|l| same_tokens(&l.spelled, ty))
                {
                    push(&mut out, Export::Local(LocalId(l)));
                }
            }
            ExportSpec::Spelled(ty) => match find(model, &dyn_identity(ty)) {
                Some(x) => push(&mut out, x),
                None => errors.push(diag::export_dyn_unknown(ty, &spec.name)),
            },
            ExportSpec::Collection(ty) => match super::collections::export_of(model, ty) {
                Some(l) => push(&mut out, Export::Local(l)),
                None => errors.push(diag::export_collection_unknown(ty, &spec.name)),
            },
            ExportSpec::Import(ty) => {
                let Some(j) = model.imports.iter().position(|i| same_tokens(&i.ty, ty)) else {
                    continue;
                };
                let import = &model.imports[j];
                for me in &import.manifest.exports {
                    if Collection::is_key(&me.key) {
                        let import = ImportId(j);
                        push(&mut out, Export::Collection { import, k: me.k });
                        continue;
                    }
                    let id = Identity::from(me);
                    if let Some(x) = find(model, &id) {
                        push(&mut out, x);
                    }
                }
            }
            ExportSpec::Lookup(ty) => match payloads.next() {
                Some(Payload::Provider(p)) => {
                    let args = generic_args(ty);
                    let key = if args.is_empty() {
                        p.key.clone()
                    } else {
                        format!("{}{args}", p.key)
                    };
                    let id = Identity {
                        key,
                        exact: !p.generic && !p.factory,
                        spelling: if p.factory {
                            p.output.clone()
                        } else {
                            short_name(ty)
                        },
                    };
                    match find(model, &id) {
                        Some(x) => push(&mut out, x),
                        None => errors.push(export_unknown(spec, model, ty, &id)),
                    }
                }
                Some(Payload::Module(m)) => {
                    errors.push(diag::export_module_not_imported(ty, &spec.name, &m.name));
                }
                None => errors.push(diag::chain_ended(ty)),
            },
        }
    }
    // A collection the module exports itself hands on everything a re-exported import's would.
    let own: Vec<&str> = out
        .iter()
        .filter_map(|e| match *e {
            Export::Local(l) if matches!(model.local(l).kind, LocalKind::Collection(_)) => {
                Some(model.local(l).id.key.as_str())
            }
            _ => None,
        })
        .collect();
    let handed_on = |e: &Export| match *e {
        Export::Collection { import, k } => model
            .import(import)
            .manifest
            .exports
            .iter()
            .any(|x| x.k == k && own.contains(&x.key.as_str())),
        _ => false,
    };
    let out = out.into_iter().filter(|e| !handed_on(e)).collect();
    model.exports = out;
}

/// A local or seen type with the identity `id`.
fn find(model: &Model, id: &Identity) -> Option<Export> {
    if let Some(l) = model.locals.iter().position(|l| l.id.same_type(id)) {
        return Some(Export::Local(LocalId(l)));
    }
    model
        .seen
        .iter()
        .position(|s| s.id.same_type(id))
        .map(|s| Export::Seen(SeenId(s)))
}

/// `exports = [T]` where the module has no `T`: says which import keeps it private, if one does.
fn export_unknown(spec: &Spec, model: &Model, ty: &syn::Type, id: &Identity) -> syn::Error {
    let keeper = model.imports.iter().find_map(|i| {
        i.manifest
            .privates
            .iter()
            .any(|p| p.key == id.key)
            .then_some(i.manifest.name.as_str())
    });
    diag::export_unknown(ty, &spec.name, keeper)
}

#[cfg(test)]
mod tests {
    //! Each rule on the smallest module that shows it, built from the wire types the chain carries.

    use syn::parse_quote;

    use super::check;
    use crate::join::model::{Export, Hint, ImportId, LocalId, Model, SeenId};
    use crate::wire::Dep;
    use crate::wire::{
        ExportSpec, Life, Manifest, ManifestExport, ManifestItem, Payload, ProviderPayload,
        ProviderSpec, Spec,
    };

    /// `AppModule` (id `t::AppModule#0`) with empty lists.
    fn spec() -> Spec {
        Spec {
            krate: quote::quote!(::modkit),
            vis: quote::quote!(pub),
            name: parse_quote!(AppModule),
            id: "t::AppModule#0".into(),
            public: true,
            providers: Vec::new(),
            values: Vec::new(),
            seeds: Vec::new(),
            imports: Vec::new(),
            exports: Vec::new(),
            config: Vec::new(),
            global: false,
            resolve: Vec::new(),
            contribute: Vec::new(),
            collect: Vec::new(),
        }
    }

    fn plain(ty: syn::Type) -> ProviderSpec {
        ProviderSpec::Plain(ty)
    }

    /// The payload of `#[injectable] pub struct <name>`, defined at site `site`.
    fn injectable(name: &str, site: u32, deps: &[&str]) -> Payload {
        Payload::Provider(ProviderPayload {
            key: format!("t::{name}#{site}"),
            name: syn::Ident::new(name, proc_macro2::Span::call_site()),
            public: true,
            generic: false,
            factory: false,
            life: Life::Singleton,
            is_async: false,
            hooks: false,
            deps: deps
                .iter()
                .map(|d| Dep {
                    spelling: (*d).to_string(),
                    qualified: false,
                })
                .collect(),
            output: name.into(),
            broken: false,
        })
    }

    /// The payload of `#[provider] pub fn <name>() -> <output>`.
    fn factory(name: &str, output: &str) -> Payload {
        let Payload::Provider(mut p) = injectable(name, 0, &[]) else {
            unreachable!()
        };
        p.factory = true;
        p.output = output.into();
        Payload::Provider(p)
    }

    /// One export of a manifest: an `#[injectable]` (exact key) or, spelled `dyn ..`, a binding.
    fn export(k: usize, key: &str, spelling: &str, origin: &str) -> ManifestExport {
        ManifestExport {
            k,
            key: key.into(),
            name: spelling.into(),
            exact: !spelling.starts_with("dyn "),
            spelling: spelling.into(),
            origin_id: format!("t::{origin}#0"),
            origin: origin.into(),
            life: Life::Singleton,
        }
    }

    fn item(k: usize, key: &str, spelling: &str) -> ManifestItem {
        ManifestItem {
            k,
            key: key.into(),
            exact: true,
            spelling: spelling.into(),
        }
    }

    /// The manifest of module `name` (id `t::<name>#0`).
    fn module(name: &str, exports: Vec<ManifestExport>) -> Manifest {
        Manifest {
            id: format!("t::{name}#0"),
            name: name.into(),
            public: true,
            is_async: false,
            exports,
            privates: Vec::new(),
            seen: Vec::new(),
            values: Vec::new(),
            seeded: false,
            globals: Vec::new(),
            global_exports: Vec::new(),
            needs_globals: false,
            broken: false,
            collections: Vec::new(),
            kept: Vec::new(),
        }
    }

    /// Runs the rules: the model and each error's message.
    fn run(spec: &Spec, payloads: Vec<Payload>) -> (Model, Vec<String>) {
        let mut errors = Vec::new();
        let model = check(spec, payloads, &mut errors);
        (model, errors.iter().map(ToString::to_string).collect())
    }

    /// Exactly one error, containing every one of `parts`.
    fn one_error(errors: &[String], parts: &[&str]) {
        assert_eq!(errors.len(), 1, "{errors:#?}");
        for part in parts {
            assert!(errors[0].contains(part), "`{part}` not in: {}", errors[0]);
        }
    }

    #[test]
    fn one_provider_under_two_spellings_is_a_duplicate() {
        let mut s = spec();
        s.providers = vec![
            plain(parse_quote!(Repo)),
            plain(parse_quote!(crate::db::Repo)),
        ];
        let (model, errors) = run(
            &s,
            vec![injectable("Repo", 1, &[]), injectable("Repo", 1, &[])],
        );
        one_error(
            &errors,
            &["`crate::db::Repo` and `Repo` name the same provider in module `AppModule`"],
        );
        assert_eq!(model.locals.len(), 1);
    }

    #[test]
    fn two_structs_of_one_name_are_two_providers() {
        let mut s = spec();
        s.providers = vec![
            plain(parse_quote!(a::Config)),
            plain(parse_quote!(b::Config)),
        ];
        let (model, errors) = run(
            &s,
            vec![injectable("Config", 1, &[]), injectable("Config", 2, &[])],
        );
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(model.locals.len(), 2);
    }

    #[test]
    fn two_factories_of_one_type_are_a_duplicate() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(make_a)), plain(parse_quote!(make_b))];
        let (model, errors) = run(
            &s,
            vec![factory("make_a", "Pool"), factory("make_b", "Pool")],
        );
        one_error(
            &errors,
            &["`make_a` and `make_b` both provide `Pool` in module `AppModule`"],
        );
        assert_eq!(model.locals.len(), 1);
        assert_eq!(model.locals[0].name, "make_a");
    }

    #[test]
    fn a_value_and_a_factory_of_one_type_are_a_duplicate() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(make_pool))];
        s.values = vec![parse_quote!(Pool)];
        let (model, errors) = run(&s, vec![factory("make_pool", "Pool")]);
        one_error(&errors, &["`make_pool` and `Pool` both provide `Pool`"]);
        assert_eq!(model.locals.len(), 1);
    }

    #[test]
    fn a_module_importing_itself_is_refused() {
        let mut s = spec();
        s.imports = vec![parse_quote!(crate::AppModule)];
        let (model, errors) = run(&s, vec![Payload::Module(module("AppModule", vec![]))]);
        one_error(&errors, &["module `AppModule` imports itself"]);
        assert!(model.imports.is_empty());
    }

    #[test]
    fn one_module_imported_twice_is_refused() {
        let mut s = spec();
        s.imports = vec![parse_quote!(LogModule), parse_quote!(crate::LogModule)];
        let log = Payload::Module(module("LogModule", vec![]));
        let (model, errors) = run(&s, vec![log.clone(), log]);
        one_error(
            &errors,
            &["module `LogModule` is imported twice by `AppModule`"],
        );
        assert_eq!(model.imports.len(), 1);
    }

    #[test]
    fn a_module_in_providers_is_refused() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(LogModule))];
        let (model, errors) = run(&s, vec![Payload::Module(module("LogModule", vec![]))]);
        one_error(
            &errors,
            &[
                "`LogModule` is a module",
                "move `LogModule` to `imports = [..]`",
            ],
        );
        assert!(model.locals.is_empty());
    }

    #[test]
    fn a_provider_in_imports_is_refused() {
        let mut s = spec();
        s.imports = vec![parse_quote!(Logger)];
        let (model, errors) = run(&s, vec![injectable("Logger", 1, &[])]);
        one_error(
            &errors,
            &[
                "`Logger` is a provider",
                "move `Logger` to `providers = [..]`",
            ],
        );
        assert!(model.imports.is_empty());
    }

    #[test]
    fn a_local_provider_shadows_an_import_of_the_same_key() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(Logger))];
        s.imports = vec![parse_quote!(LogModule)];
        let log = module(
            "LogModule",
            vec![export(0, "t::Logger#1", "Logger", "LogModule")],
        );
        let (model, errors) = run(&s, vec![injectable("Logger", 1, &[]), Payload::Module(log)]);
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(model.locals.len(), 1);
        assert!(
            model.seen.is_empty(),
            "the import's `Logger` is not written"
        );
    }

    #[test]
    fn a_local_factory_shadows_an_import_of_the_same_spelling() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(make_logger))];
        s.imports = vec![parse_quote!(LogModule)];
        let log = module(
            "LogModule",
            vec![export(0, "t::Logger#1", "Logger", "LogModule")],
        );
        let (model, errors) = run(
            &s,
            vec![factory("make_logger", "Logger"), Payload::Module(log)],
        );
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(
            model.seen.is_empty(),
            "the import's `Logger` is not written"
        );
    }

    #[test]
    fn a_local_struct_of_the_same_name_and_another_key_does_not_shadow() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(Logger))];
        s.imports = vec![parse_quote!(LogModule)];
        let log = module(
            "LogModule",
            vec![export(0, "t::Logger#1", "Logger", "LogModule")],
        );
        let (model, errors) = run(&s, vec![injectable("Logger", 2, &[]), Payload::Module(log)]);
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(model.seen.len(), 1);
    }

    #[test]
    fn two_imports_exporting_one_type_from_two_origins_collide() {
        let mut s = spec();
        s.imports = vec![parse_quote!(AModule), parse_quote!(BModule)];
        let a = module("AModule", vec![export(0, "t::Pool#1", "Pool", "AModule")]);
        let b = module("BModule", vec![export(0, "t::Pool#1", "Pool", "BModule")]);
        let (model, errors) = run(&s, vec![Payload::Module(a), Payload::Module(b)]);
        one_error(
            &errors,
            &[
                "`Pool` reaches module `AppModule` from two imports",
                "`AModule` exports the one provided by `AModule`",
                "`BModule` exports the one provided by `BModule`",
                "add `Pool` to `providers = [..]` of `AppModule`",
            ],
        );
        assert_eq!(model.seen.len(), 1);
        assert_eq!(model.seen[0].import, ImportId(0));
    }

    #[test]
    fn a_diamond_is_no_collision() {
        let mut s = spec();
        s.imports = vec![parse_quote!(AModule), parse_quote!(BModule)];
        let a = module("AModule", vec![export(0, "t::Pool#1", "Pool", "DbModule")]);
        let b = module("BModule", vec![export(3, "t::Pool#1", "Pool", "DbModule")]);
        let (model, errors) = run(&s, vec![Payload::Module(a), Payload::Module(b)]);
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(model.seen.len(), 1, "one `Pool`, through the first import");
        assert_eq!((model.seen[0].import, model.seen[0].k), (ImportId(0), 0));
    }

    /// Two imports export `Pool` from two providers; `AppModule` resolves it from `resolve`.
    fn chosen_pool(resolve: syn::Type) -> (Model, Vec<String>) {
        let mut s = spec();
        s.imports = vec![parse_quote!(PrimaryDb), parse_quote!(ReplicaDb)];
        s.resolve = vec![crate::wire::ResolveSpec {
            ty: parse_quote!(Pool),
            import: resolve,
        }];
        let a = module(
            "PrimaryDb",
            vec![export(0, "t::Pool#1", "Pool", "PrimaryDb")],
        );
        let b = module(
            "ReplicaDb",
            vec![export(2, "t::Pool#1", "Pool", "ReplicaDb")],
        );
        run(&s, vec![Payload::Module(a), Payload::Module(b)])
    }

    #[test]
    fn a_resolved_collision_takes_the_chosen_import_whatever_its_place() {
        let cases: [(syn::Type, usize, usize); 2] = [
            (parse_quote!(ReplicaDb), 1, 2),
            (parse_quote!(PrimaryDb), 0, 0),
        ];
        for (chosen, import, k) in cases {
            let (model, errors) = chosen_pool(chosen);
            assert!(errors.is_empty(), "{errors:#?}");
            assert_eq!(model.seen.len(), 1, "one `Pool`");
            assert_eq!(
                (model.seen[0].import, model.seen[0].k),
                (ImportId(import), k)
            );
        }
    }

    #[test]
    fn resolving_from_a_module_that_is_not_an_import_is_an_error() {
        let (_, errors) = chosen_pool(parse_quote!(CacheDb));
        one_error(
            &errors,
            &["names `CacheDb`, which is not in `imports = [..]` of `AppModule`"],
        );
    }

    #[test]
    fn resolving_where_nothing_collides_is_an_error() {
        let mut s = spec();
        s.imports = vec![parse_quote!(PrimaryDb)];
        s.resolve = vec![crate::wire::ResolveSpec {
            ty: parse_quote!(Pool),
            import: parse_quote!(PrimaryDb),
        }];
        let a = module(
            "PrimaryDb",
            vec![export(0, "t::Pool#1", "Pool", "PrimaryDb")],
        );
        let (_, errors) = run(&s, vec![Payload::Module(a)]);
        one_error(&errors, &["there is no collision to resolve"]);
    }

    #[test]
    fn a_trait_object_collision_suggests_a_binding() {
        let mut s = spec();
        s.imports = vec![parse_quote!(SmtpModule), parse_quote!(SesModule)];
        let key = "dyn:dyn Mailer";
        let a = module(
            "SmtpModule",
            vec![export(0, key, "dyn Mailer", "SmtpModule")],
        );
        let b = module("SesModule", vec![export(0, key, "dyn Mailer", "SesModule")]);
        let (_, errors) = run(&s, vec![Payload::Module(a), Payload::Module(b)]);
        one_error(
            &errors,
            &[
                "`dyn Mailer` reaches module `AppModule` from two imports",
                "`providers = [Impl as dyn Mailer]` of `AppModule`",
            ],
        );
    }

    #[test]
    fn hints_are_written_only_for_names_a_provider_depends_on() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(Service))];
        s.imports = vec![parse_quote!(DbModule)];
        let mut db = module("DbModule", vec![]);
        db.privates = vec![item(0, "t::Pool#1", "Pool"), item(1, "t::Cache#1", "Cache")];
        db.seen = vec![
            item(0, "t::Clock#1", "Clock"),
            item(1, "t::Meter#1", "Meter"),
        ];
        let (model, errors) = run(
            &s,
            vec![
                injectable("Service", 1, &["Pool", "Clock"]),
                Payload::Module(db),
            ],
        );
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(model.wanted, ["Pool", "Clock"]);
        let hints: Vec<_> = model
            .hints
            .iter()
            .map(|h| match h {
                Hint::NotExported { import, k } => ("private", import.0, *k),
                Hint::OnlyThrough { import, k } => ("seen", import.0, *k),
            })
            .collect();
        assert_eq!(hints, [("private", 0, 0), ("seen", 0, 0)]);
    }

    #[test]
    fn no_hint_for_a_wanted_name_the_module_already_sees() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(Service))];
        s.imports = vec![parse_quote!(DbModule)];
        let mut db = module("DbModule", vec![export(0, "t::Pool#1", "Pool", "DbModule")]);
        db.privates = vec![item(1, "t::Pool#1", "Pool")];
        let (model, errors) = run(
            &s,
            vec![injectable("Service", 1, &["Pool"]), Payload::Module(db)],
        );
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(model.hints.is_empty());
    }

    /// A private generic instantiation (`Pool<Replica>` of a module instance) is not hinted: its
    /// arguments are compared as written, and a hint impl could overlap an importer's own
    /// `Pool<crate::Replica>` (E0119). Exported ones and bindings are not hinted either.
    #[test]
    fn a_private_generic_instantiation_is_not_hinted() {
        let mut s = spec();
        s.providers = vec![
            plain(parse_quote!(Pool<Replica>)),
            plain(parse_quote!(Pool<Primary>)),
            ProviderSpec::Bind(parse_quote!(Smtp), parse_quote!(dyn Mailer)),
        ];
        s.exports = vec![ExportSpec::Provider(parse_quote!(Pool<Primary>))];
        let generic = |site| {
            let Payload::Provider(mut p) = injectable("Pool", site, &[]) else {
                unreachable!()
            };
            p.generic = true;
            Payload::Provider(p)
        };
        let (model, errors) = run(&s, vec![generic(1), generic(1), injectable("Smtp", 2, &[])]);
        assert!(errors.is_empty(), "{errors:#?}");
        let hinted: Vec<bool> = (0..3).map(|i| model.hints_private(LocalId(i))).collect();
        assert_eq!(hinted, [false, false, false]);
    }

    #[test]
    fn an_export_looked_up_by_key_finds_a_local() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(crate::Repo))];
        s.exports = vec![ExportSpec::Lookup(parse_quote!(Repo))];
        let (model, errors) = run(
            &s,
            vec![injectable("Repo", 1, &[]), injectable("Repo", 1, &[])],
        );
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(model.exports, [Export::Local(LocalId(0))]);
    }

    #[test]
    fn an_export_looked_up_by_key_finds_an_imported_type() {
        let mut s = spec();
        s.imports = vec![parse_quote!(DbModule)];
        s.exports = vec![ExportSpec::Lookup(parse_quote!(Pool))];
        let db = module(
            "DbModule",
            vec![
                export(0, "t::Conn#1", "Conn", "DbModule"),
                export(1, "t::Pool#1", "Pool", "DbModule"),
            ],
        );
        let (model, errors) = run(&s, vec![Payload::Module(db), injectable("Pool", 1, &[])]);
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(model.exports, [Export::Seen(SeenId(1))]);
    }

    #[test]
    fn an_export_nobody_hands_on_names_the_import_that_keeps_it() {
        let mut s = spec();
        s.imports = vec![parse_quote!(DbModule)];
        s.exports = vec![ExportSpec::Lookup(parse_quote!(Pool))];
        let mut db = module("DbModule", vec![]);
        db.privates = vec![item(0, "t::Pool#1", "Pool")];
        let (model, errors) = run(&s, vec![Payload::Module(db), injectable("Pool", 1, &[])]);
        one_error(
            &errors,
            &[
                "module `AppModule` exports `Pool`, which it neither provides nor imports",
                "`Pool` is provided by the imported module `DbModule`, which does not export it",
                "add `Pool` to `exports = [..]` of `DbModule` first",
            ],
        );
        assert!(model.exports.is_empty());
    }

    #[test]
    fn an_export_nobody_has_says_how_to_provide_it() {
        let mut s = spec();
        s.exports = vec![ExportSpec::Lookup(parse_quote!(Pool))];
        let (_, errors) = run(&s, vec![injectable("Pool", 1, &[])]);
        one_error(
            &errors,
            &["add `Pool` to `providers = [..]` of `AppModule`"],
        );
        assert!(!errors[0].contains("imported module"), "{}", errors[0]);
    }

    #[test]
    fn exporting_a_module_that_is_not_imported_is_refused() {
        let mut s = spec();
        s.exports = vec![ExportSpec::Lookup(parse_quote!(DbModule))];
        let (model, errors) = run(&s, vec![Payload::Module(module("DbModule", vec![]))]);
        one_error(
            &errors,
            &[
                "module `AppModule` exports the module `DbModule`, which it does not import",
                "add `DbModule` to `imports = [..]` of `AppModule`",
            ],
        );
        assert!(model.exports.is_empty());
    }

    #[test]
    fn re_exporting_an_import_hands_on_each_of_its_exports_once() {
        let mut s = spec();
        s.providers = vec![plain(parse_quote!(Conn))];
        s.imports = vec![parse_quote!(DbModule)];
        s.exports = vec![
            ExportSpec::Import(parse_quote!(DbModule)),
            ExportSpec::Provider(parse_quote!(Conn)),
        ];
        let db = module(
            "DbModule",
            vec![
                export(0, "t::Conn#1", "Conn", "DbModule"),
                export(1, "t::Pool#1", "Pool", "DbModule"),
            ],
        );
        let (model, errors) = run(&s, vec![injectable("Conn", 1, &[]), Payload::Module(db)]);
        assert!(errors.is_empty(), "{errors:#?}");
        // `Conn` is the local (it shadows the import's), listed once.
        assert_eq!(
            model.exports,
            [Export::Local(LocalId(0)), Export::Seen(SeenId(0))]
        );
    }
}
