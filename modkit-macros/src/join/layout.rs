//! Every decision about the shape of the generated module, taken before any code is written:
//! which providers and imported singletons the module holds in fields, which imports it keeps
//! typed, which request cell each request-scoped provider uses, which values and seeds the graph
//! below it declares, and whether it builds asynchronously.

use super::model::{
    Collection, Edge, Export, Identity, ImportId, ItemSource, LocalId, LocalKind, Model, SeenId,
};
use crate::wire::{Life, Spec};

/// Where a value the graph declares is declared.
pub(crate) enum ValueSource {
    /// One of this module's `values = [..]`.
    Local(LocalId),
    /// The `k`-th value the graph below an import declares.
    Import(ImportId, usize),
}

/// One value of the graph below the module.
pub(crate) struct ValueSlot {
    pub(crate) key: String,
    pub(crate) spelling: String,
    pub(crate) source: ValueSource,
}

/// A global module of the graph below the module (the module included): by its id.
pub(crate) struct GlobalSlot {
    pub(crate) key: String,
    pub(crate) name: String,
    /// The module itself, or the `k`-th global of an import's graph.
    pub(crate) source: Option<(ImportId, usize)>,
    /// Its exported singletons.
    pub(crate) exports: Vec<Identity>,
}

/// What makes the module's build asynchronous, if anything.
pub(crate) enum FirstAsync {
    Local(LocalId),
    Import(ImportId),
    None,
}

/// The decisions.
pub(crate) struct Layout {
    /// Local singletons the module keeps in a field (not aliases), in list order.
    pub(crate) stored: Vec<LocalId>,
    /// Imported singletons the module keeps a copy of.
    pub(crate) held: Vec<SeenId>,
    /// Imports the module keeps typed (it reaches into them at run time); the others are kept
    /// alive type-erased.
    pub(crate) kept: Vec<ImportId>,
    /// The request cell of each local (request-scoped built providers only), in list order.
    pub(crate) cells: Vec<Option<usize>>,
    pub(crate) n_cells: usize,
    /// The values of the graph below the module, each once.
    pub(crate) values: Vec<ValueSlot>,
    /// The module's own seeds, in list order.
    pub(crate) seeds: Vec<LocalId>,
    /// The imports whose graph declares seeds: a scope is opened with theirs too.
    pub(crate) seeded_imports: Vec<ImportId>,
    /// The global modules of the graph below the module, each once (the app checks it contains
    /// the global modules its modules take exports from).
    pub(crate) globals: Vec<GlobalSlot>,
    /// The module's own exports of global modules it does not import.
    pub(crate) global_needs: Vec<LocalId>,
    /// The imports whose graph takes exports of global modules.
    pub(crate) needy_imports: Vec<ImportId>,
    /// Whether the module is built by an async function.
    pub(crate) first_async: FirstAsync,
    /// The build order, when the macro knows the edges (`Model::edges`); otherwise a `const`
    /// computes it from `Resolve::DEP`.
    pub(crate) order: Option<Vec<LocalId>>,
    /// Whether the build hands each singleton its dependencies directly (`New`): the macro
    /// matched every edge and each ends at a singleton. Such a module has no builder and no
    /// `Resolve::build_get`, and the compiler proves no `Inject` bound to build it; otherwise the
    /// build goes through `Construct` and the trait system checks (and reports) each edge.
    pub(crate) direct: bool,
}

impl Layout {
    /// Whether the module is built by an async function.
    pub(crate) fn is_async(&self) -> bool {
        !matches!(self.first_async, FirstAsync::None)
    }
    /// Whether the graph below the module (the module included) declares seeds.
    pub(crate) fn seeded(&self) -> bool {
        !self.seeds.is_empty() || !self.seeded_imports.is_empty()
    }
    /// Whether a module of the graph below (the module included) takes an export of a global
    /// module it does not import.
    pub(crate) fn needs_globals(&self) -> bool {
        !self.global_needs.is_empty() || !self.needy_imports.is_empty()
    }
    /// Whether import `j` is kept typed.
    pub(crate) fn is_kept(&self, j: ImportId) -> bool {
        self.kept.contains(&j)
    }
    /// Whether seen singleton `n` is held in a field.
    pub(crate) fn is_held(&self, n: SeenId) -> bool {
        self.held.contains(&n)
    }
}

pub(crate) fn plan(spec: &Spec, model: &Model) -> Layout {
    let direct = direct(model);
    // A global's export is an argument of the providers that depend on it; a module built
    // through its builder keeps it in a field, for their `Construct` impls.
    let stored = model
        .locals()
        .filter(|(_, l)| l.stored() && !(direct && l.kind == LocalKind::Global))
        .map(|(i, _)| i)
        .collect();
    // A module keeps a typed handle to an import only when it must reach into it at run time
    // (a transient or request-scoped type it sees through it); imported singletons are copied.
    // Module types then do not contain their whole import graph, which rustc would otherwise
    // walk again for every drop check of a module type (quadratic in the depth of the graph).
    let kept = (0..model.imports.len())
        .map(ImportId)
        .filter(|&j| {
            model
                .seen
                .iter()
                .any(|s| s.import == j && s.life != Life::Singleton)
        })
        .collect();
    // Imported singletons the module holds a copy of, to hand out with one field read: all of
    // them in a module that exports nothing (an app's root, where `App::get` reads them), the
    // ones it re-exports, and the ones a transient or request-scoped provider of the module
    // names. Any other is fetched from its import when asked for (a cold path: building the
    // module reads imports directly), which spares each module an `Arc` per imported singleton.
    let held = model
        .seens()
        .filter(|(n, s)| {
            s.life == Life::Singleton
                && (spec.exports.is_empty()
                    || model.exports.contains(&Export::Seen(*n))
                    || model.late_wanted.iter().any(|w| w == s.id.base()))
        })
        .map(|(n, _)| n)
        .collect();
    let mut n_cells = 0;
    let cells = model
        .locals
        .iter()
        .map(|l| {
            (l.life == Life::Request && matches!(l.kind, LocalKind::Built { .. })).then(|| {
                n_cells += 1;
                n_cells - 1
            })
        })
        .collect();
    Layout {
        stored,
        held,
        kept,
        cells,
        n_cells,
        values: values(model),
        seeds: model
            .locals()
            .filter(|(_, l)| l.kind == LocalKind::Seed)
            .map(|(i, _)| i)
            .collect(),
        seeded_imports: (0..model.imports.len())
            .map(ImportId)
            .filter(|&j| model.import(j).manifest.seeded)
            .collect(),
        globals: globals(spec, model),
        global_needs: model
            .locals()
            .filter(|(_, l)| l.kind == LocalKind::Global)
            .map(|(i, _)| i)
            .collect(),
        needy_imports: (0..model.imports.len())
            .map(ImportId)
            .filter(|&j| model.import(j).manifest.needs_globals)
            .collect(),
        first_async: first_async(model),
        order: model.edges.as_deref().map(super::model::build_order),
        direct,
    }
}

/// See `Layout::direct`.
fn direct(model: &Model) -> bool {
    let Some(edges) = &model.edges else {
        return false;
    };
    let life = |e: &Edge| match *e {
        Edge::Local(j) => model.local(j).life,
        Edge::Seen(n) => model.seen(n).life,
    };
    model
        .locals()
        .filter(|(_, l)| l.constructed())
        .all(|(i, _)| edges[i.0].iter().all(|e| life(e) == Life::Singleton))
}

/// This module's own values, then those its imports need, each once.
fn values(model: &Model) -> Vec<ValueSlot> {
    let mut out: Vec<ValueSlot> = model
        .locals()
        .filter(|(_, l)| l.kind == LocalKind::Value)
        .map(|(i, l)| ValueSlot {
            key: l.id.key.clone(),
            spelling: l.id.spelling.clone(),
            source: ValueSource::Local(i),
        })
        .collect();
    for (j, import) in model.imports.iter().enumerate() {
        for v in &import.manifest.values {
            if out.iter().any(|s| s.key == v.key) {
                continue;
            }
            out.push(ValueSlot {
                key: v.key.clone(),
                spelling: v.spelling.clone(),
                source: ValueSource::Import(ImportId(j), v.k),
            });
        }
    }
    out
}

/// The module if it is global, then the global modules of its imports' graphs, each once.
fn globals(spec: &Spec, model: &Model) -> Vec<GlobalSlot> {
    let mut out: Vec<GlobalSlot> = Vec::new();
    if spec.global {
        out.push(GlobalSlot {
            key: spec.id.clone(),
            name: spec.name.to_string(),
            source: None,
            exports: model.global_exports(),
        });
    }
    for (j, import) in model.imports.iter().enumerate() {
        let m = &import.manifest;
        for g in &m.globals {
            if out.iter().any(|s| s.key == g.key) {
                continue;
            }
            out.push(GlobalSlot {
                key: g.key.clone(),
                name: g.spelling.clone(),
                source: Some((ImportId(j), g.k)),
                exports: m
                    .global_exports
                    .iter()
                    .filter(|e| e.k == g.k)
                    .map(Identity::from)
                    .collect(),
            });
        }
    }
    out
}

/// A module whose graph has an `async fn` provider or a hook is built by an async function.
fn first_async(model: &Model) -> FirstAsync {
    if let Some((i, _)) = model
        .locals()
        .find(|(_, l)| matches!(l.kind, LocalKind::Built { .. }) && (l.is_async || l.hooks))
    {
        return FirstAsync::Local(i);
    }
    match model.imports.iter().position(|i| i.manifest.is_async) {
        Some(j) => FirstAsync::Import(ImportId(j)),
        None => FirstAsync::None,
    }
}

/// The import collection a module's collection is, whole and in order, when it has no
/// contribution of its own and all come from one import's collection: the module then hands
/// that `Arc` on instead of building a copy.
pub(crate) fn reused(model: &Model, c: &Collection) -> Option<(ImportId, usize)> {
    let first = c.items.iter().find_map(|it| match it.source {
        ItemSource::Import { import, k, .. } => Some((import, k)),
        ItemSource::Own(_) => None,
    });
    let (j, k) = first.or(c.via)?;
    let n = model
        .import(j)
        .manifest
        .collections
        .iter()
        .find(|x| x.k == k)?
        .items
        .len();
    let whole = c.items.len() == n
        && c.items
            .iter()
            .enumerate()
            .all(|(i, it)| it.source == ItemSource::Import { import: j, k, i });
    whole.then_some((j, k))
}
