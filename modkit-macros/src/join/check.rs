//! The join's rules: pair each listed entry with its payload, and check what needs all of them at
//! once (a provider given twice under two spellings, two imports exporting one type, an export
//! nobody provides). Builds the [`Model`]; every error goes through [`crate::diag`].

use quote::quote;

use super::model::{
    Export, Hint, Identity, Import, ImportId, Local, LocalId, LocalKind, Model, Seen, SeenId,
    base_of,
};
use crate::diag;
use crate::util::{generic_args, pretty, same_tokens, short_name};
use crate::wire::{ExportSpec, Life, Payload, ProviderPayload, ProviderSpec, Spec};

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
    };
    locals(spec, &mut payloads, &mut model, errors);
    imports(spec, &mut payloads, &mut model, errors);
    seen(spec, &mut model, errors);
    hints(spec, &mut model);
    exports(spec, &mut payloads, &mut model, errors);
    model
}

type Payloads = std::vec::IntoIter<Payload>;

/// Providers, then values, then aliases (which name a provider).
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
                if p.life != Life::Singleton {
                    model.late_wanted.extend(p.deps.iter().cloned());
                }
                model.wanted.extend(p.deps.iter().cloned());
                let local = built(spec, ty, bind, &p);
                push_local(model, local, module, errors);
            }
            Some(Payload::Module(m)) => errors.push(diag::module_in_providers(ty, module, &m.name)),
            None => errors.push(diag::chain_ended(ty)),
        }
    }
    for v in &spec.values {
        let local = Local {
            ty: v.clone(),
            provided: quote!(#v),
            spelled: v.clone(),
            id: Identity {
                key: format!("value:{}", pretty(v)),
                exact: false,
                spelling: short_name(v),
            },
            name: short_name(v),
            hintable: false,
            kind: LocalKind::Value,
            life: Life::Singleton,
            is_async: false,
            hooks: false,
        };
        push_local(model, local, module, errors);
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
        };
        push_local(model, local, module, errors);
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
/// precedence); two imports exporting one type from two providers is a collision.
fn seen(spec: &Spec, model: &mut Model, errors: &mut Vec<syn::Error>) {
    for (j, import) in model.imports.iter().enumerate() {
        for e in &import.manifest.exports {
            let id = Identity {
                key: e.key.clone(),
                exact: e.exact,
                spelling: e.spelling.clone(),
            };
            if model.locals.iter().any(|l| l.id.same_type(&id)) {
                continue;
            }
            if let Some(prev) = model.seen.iter().find(|s| s.id.same_type(&id)) {
                if prev.origin_id != e.origin_id {
                    let first = &model.imports[prev.import.0].manifest;
                    errors.push(diag::import_collision(
                        &import.ty,
                        &spec.name,
                        (&first.name, &prev.origin),
                        (&import.manifest.name, &e.origin),
                        &e.spelling,
                    ));
                }
                continue;
            }
            model.seen.push(Seen {
                import: ImportId(j),
                k: e.k,
                id,
                name: e.name.clone(),
                origin_id: e.origin_id.clone(),
                origin: e.origin.clone(),
                life: e.life,
            });
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
                let id = Identity {
                    key: item.key.clone(),
                    exact: item.exact,
                    spelling: item.spelling.clone(),
                };
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
            ExportSpec::Import(ty) => {
                let Some(import) = model.imports.iter().find(|i| same_tokens(&i.ty, ty)) else {
                    continue;
                };
                for me in &import.manifest.exports {
                    let id = Identity {
                        key: me.key.clone(),
                        exact: me.exact,
                        spelling: me.spelling.clone(),
                    };
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
