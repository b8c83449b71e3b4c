//! The join's model of one module: its providers, its imports, the types it sees through them,
//! the hints it writes and its exports, each addressed by a typed index.

use proc_macro2::TokenStream;

use crate::wire::{Life, Manifest, ManifestExport, ManifestItem};

/// A provider of the module, by its position in [`Model::locals`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LocalId(pub(crate) usize);

/// An import of the module, by its position in [`Model::imports`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ImportId(pub(crate) usize);

/// A type the module sees through an import, by its position in [`Model::seen`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SeenId(pub(crate) usize);

/// How a type is known: enough to tell whether two entries provide the same type.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    /// The provider's key (a struct, a factory, a value or trait object by spelling).
    pub(crate) key: String,
    /// Whether `key` identifies the provided type itself (a non-generic `#[injectable]`):
    /// otherwise two entries are taken for the same type when they are spelled the same.
    pub(crate) exact: bool,
    /// The provided type as written, last path segment and arguments: `Repo<User>`, `dyn Mailer`.
    pub(crate) spelling: String,
}

impl Identity {
    /// Whether `self` and `other` provide the same type, as far as tokens can tell.
    pub(crate) fn same_type(&self, other: &Identity) -> bool {
        self.key == other.key || ((!self.exact || !other.exact) && self.spelling == other.spelling)
    }

    /// The spelling's identifier without generic arguments: what dependencies are matched by.
    pub(crate) fn base(&self) -> &str {
        base_of(&self.spelling)
    }
}

impl Identity {
    /// The manifest entry importers match this identity by, at position `k` of its list.
    pub(crate) fn item(&self, k: usize) -> ManifestItem {
        ManifestItem {
            k,
            key: self.key.clone(),
            exact: self.exact,
            spelling: self.spelling.clone(),
        }
    }
}

impl From<&ManifestExport> for Identity {
    fn from(e: &ManifestExport) -> Identity {
        Identity {
            key: e.key.clone(),
            exact: e.exact,
            spelling: e.spelling.clone(),
        }
    }
}

impl From<&ManifestItem> for Identity {
    fn from(e: &ManifestItem) -> Identity {
        Identity {
            key: e.key.clone(),
            exact: e.exact,
            spelling: e.spelling.clone(),
        }
    }
}

/// `Repo` for `Repo<User>`.
pub(crate) fn base_of(spelling: &str) -> &str {
    spelling.split('<').next().unwrap_or(spelling).trim()
}

/// What kind of entry a local provider is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LocalKind {
    /// An `#[injectable]` struct or a `#[provider]` function (possibly bound to a trait object).
    Built {
        /// A `#[provider]` function.
        factory: bool,
    },
    /// A value supplied at build.
    Value,
    /// A value a request scope is opened with (`seeds = [..]`): request-scoped.
    Seed,
    /// The module's config (`config = ..`), loaded before the build.
    Config,
    /// Another name for a local provider.
    Alias(LocalId),
    /// An export of a global module that a provider depends on and that nothing the module sees
    /// provides: taken from the global module (inferred from the type) at build.
    Global,
    /// A collection the module sees (`All<T>`, `Keyed<T>`), built from its contributions.
    Collection(CollectionId),
}

/// A collection of the module, by its position in [`Model::collections`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CollectionId(pub(crate) usize);

/// Where a contribution in a module's collection comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemSource {
    /// One of the module's own `contribute = [..]` entries (a local provider).
    Own(LocalId),
    /// The `i`-th contribution of the collection import `import` exports at position `k`.
    Import {
        import: ImportId,
        k: usize,
        i: usize,
    },
}

/// One contribution in a collection.
pub(crate) struct Item {
    /// Unique per contribution (see the manifest's `ManifestContribution::id`).
    pub(crate) id: String,
    /// The contributing provider and its module, for messages.
    pub(crate) name: String,
    pub(crate) origin: String,
    /// Its key, in a keyed collection.
    pub(crate) key: Option<String>,
    pub(crate) source: ItemSource,
}

/// A collection the module sees: contributions of its imports, in import order, then its own.
pub(crate) struct Collection {
    pub(crate) keyed: bool,
    /// The element type as spelled (`dyn HealthCheck`): with `keyed`, what identifies it.
    pub(crate) elem: String,
    /// The element type, when the module spells it (its own contribution, `collect = [..]`).
    pub(crate) named: Option<TokenStream>,
    /// Otherwise the import (and its export position) the module names the collection through.
    pub(crate) via: Option<(ImportId, usize)>,
    pub(crate) items: Vec<Item>,
}

impl Collection {
    /// `all:dyn HealthCheck`: the identity key of a collection.
    pub(crate) fn key_of(keyed: bool, elem: &str) -> String {
        format!("{}:{elem}", if keyed { "keyed" } else { "all" })
    }
    /// `All<dyn HealthCheck>`: how a dependency on it is spelled.
    pub(crate) fn spelling_of(keyed: bool, elem: &str) -> String {
        format!("{}<{elem}>", if keyed { "Keyed" } else { "All" })
    }
    /// Whether an identity key names a collection.
    pub(crate) fn is_key(key: &str) -> bool {
        key.starts_with("all:") || key.starts_with("keyed:")
    }
}

/// One provider of the module.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one provider"
)]
pub(crate) struct Local {
    /// What the entry names: the struct or factory (plain, bind), the trait object (alias), the
    /// value type (value, seed). Errors point at it.
    pub(crate) ty: syn::Type,
    /// The type the module provides under this entry.
    pub(crate) provided: TokenStream,
    /// The spelling `exports = [..]` matches: the listed type, or the trait object.
    pub(crate) spelled: syn::Type,
    pub(crate) id: Identity,
    /// How the graph and messages name it: the struct, the factory function, the trait object.
    pub(crate) name: String,
    /// Whether importers may name it in a hint (`Hidden`).
    pub(crate) hintable: bool,
    pub(crate) kind: LocalKind,
    pub(crate) life: Life,
    pub(crate) is_async: bool,
    pub(crate) hooks: bool,
    /// Its dependencies as written, in field order (built providers only).
    pub(crate) deps: Vec<crate::wire::Dep>,
    /// A global's export: the provider and the position of the dependency it stands for (its
    /// type is inferred from that provider's argument list).
    pub(crate) global_of: Option<(LocalId, usize)>,
    /// A `contribute = [..]` entry: built into a collection, resolvable by nobody on its own.
    pub(crate) contributes: bool,
}

impl Local {
    /// `Impl as dyn Trait`: built as `Impl`, provided as the trait object.
    pub(crate) fn is_binding(&self) -> bool {
        matches!(self.kind, LocalKind::Built { .. }) && self.spelled != self.ty
    }

    /// Whether the module keeps the built instance in a field.
    pub(crate) fn stored(&self) -> bool {
        self.life == Life::Singleton && !matches!(self.kind, LocalKind::Alias(_))
    }

    /// Whether the build constructs it (a built singleton: not a value, not an alias).
    pub(crate) fn constructed(&self) -> bool {
        matches!(self.kind, LocalKind::Built { .. }) && self.life == Life::Singleton
    }

    /// The name the graph shows: a factory as `Output (function)`.
    pub(crate) fn display(&self) -> String {
        match self.kind {
            LocalKind::Built { factory: true } if self.spelled == self.ty => {
                format!("{} ({})", self.id.spelling, self.name)
            }
            _ => self.name.clone(),
        }
    }
}

/// One import of the module, with what its companion macro said of it.
pub(crate) struct Import {
    pub(crate) ty: syn::Type,
    pub(crate) manifest: Manifest,
}

/// A type the module sees through an import.
pub(crate) struct Seen {
    pub(crate) import: ImportId,
    /// Its position among the import's exports.
    pub(crate) k: usize,
    pub(crate) id: Identity,
    pub(crate) name: String,
    pub(crate) origin_id: String,
    pub(crate) origin: String,
    pub(crate) life: Life,
}

/// A type an import knows but does not hand to this module, which a provider of this module
/// may ask for: a `Resolve` impl that exists only to fail with a message naming where it is.
pub(crate) enum Hint {
    /// A private provider of the import.
    NotExported { import: ImportId, k: usize },
    /// A type the import sees through one of its own imports.
    OnlyThrough { import: ImportId, k: usize },
}

/// One export of the module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Export {
    Local(LocalId),
    Seen(SeenId),
    /// The collection import `import` exports at position `k`, handed on as it is (a re-exported
    /// import: the module's own contributions stay private).
    Collection {
        import: ImportId,
        k: usize,
    },
}

/// The checked module.
pub(crate) struct Model {
    pub(crate) locals: Vec<Local>,
    pub(crate) imports: Vec<Import>,
    pub(crate) seen: Vec<Seen>,
    pub(crate) hints: Vec<Hint>,
    pub(crate) exports: Vec<Export>,
    /// Base names of the dependencies of every provider.
    pub(crate) wanted: Vec<String>,
    /// Base names of the dependencies of transient and request-scoped providers.
    pub(crate) late_wanted: Vec<String>,
    /// Every local's dependency edges, in field order, when the macro can tell them (see
    /// `check::edges`); `None` leaves them to the compiler.
    pub(crate) edges: Option<Vec<Vec<Edge>>>,
    /// The collections the module sees.
    pub(crate) collections: Vec<Collection>,
}

/// A dependency edge of a local provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    Local(LocalId),
    Seen(SeenId),
}

/// The build order: a depth-first post-order over the local edges, roots in list order,
/// dependencies in field order (the order the runtime's `build_order` computes from the same
/// edges); a cycle's providers, when there is one, from where it starts.
fn walk(edges: &[Vec<Edge>]) -> Result<Vec<LocalId>, Vec<LocalId>> {
    let n = edges.len();
    let mut state = vec![0u8; n];
    let mut order = Vec::with_capacity(n);
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        // (provider, index of its next edge to look at)
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(top) = path.last_mut() {
            let (p, next) = *top;
            if next == edges[p].len() {
                state[p] = 2;
                order.push(LocalId(p));
                path.pop();
                continue;
            }
            top.1 += 1;
            let Edge::Local(LocalId(q)) = edges[p][next] else {
                continue;
            };
            match state.get(q) {
                Some(1) => {
                    let start = path.iter().position(|&(x, _)| x == q).unwrap_or(0);
                    let cycle = path[start..].iter().map(|&(x, _)| LocalId(x));
                    return Err(cycle.chain([LocalId(q)]).collect());
                }
                Some(0) => {
                    state[q] = 1;
                    path.push((q, 0));
                }
                _ => {}
            }
        }
    }
    Ok(order)
}

/// The build order of the locals.
pub(crate) fn build_order(edges: &[Vec<Edge>]) -> Vec<LocalId> {
    walk(edges).unwrap_or_default()
}

/// The first cycle among the locals, as the path that closes it (`A, B, A`).
pub(crate) fn find_cycle(edges: &[Vec<Edge>]) -> Option<Vec<LocalId>> {
    walk(edges).err()
}

impl Model {
    pub(crate) fn local(&self, id: LocalId) -> &Local {
        &self.locals[id.0]
    }
    pub(crate) fn import(&self, id: ImportId) -> &Import {
        &self.imports[id.0]
    }
    pub(crate) fn seen(&self, id: SeenId) -> &Seen {
        &self.seen[id.0]
    }
    pub(crate) fn collection(&self, id: CollectionId) -> &Collection {
        &self.collections[id.0]
    }
    /// Every local provider with its id.
    pub(crate) fn locals(&self) -> impl Iterator<Item = (LocalId, &Local)> {
        self.locals.iter().enumerate().map(|(i, l)| (LocalId(i), l))
    }
    /// Every seen type with its id.
    pub(crate) fn seens(&self) -> impl Iterator<Item = (SeenId, &Seen)> {
        self.seen.iter().enumerate().map(|(i, s)| (SeenId(i), s))
    }
    /// The identities of the exported singletons (what a global module hands to every module).
    pub(crate) fn global_exports(&self) -> Vec<Identity> {
        self.exports
            .iter()
            .filter_map(|e| match *e {
                Export::Local(i) => {
                    let l = self.local(i);
                    (l.life == Life::Singleton).then(|| l.id.clone())
                }
                Export::Seen(n) => {
                    let s = self.seen(n);
                    (s.life == Life::Singleton).then(|| s.id.clone())
                }
                Export::Collection { .. } => None,
            })
            .collect()
    }
    /// Whether local `id` is exported.
    pub(crate) fn is_exported(&self, id: LocalId) -> bool {
        self.exports.contains(&Export::Local(id))
    }
    /// Whether importers may name local `id` in a hint (`Hidden`, the manifest's
    /// `privates`): a private provider whose type they can name, identified exactly or as a
    /// factory's output. An exported one they see through `ExportAt`. (Not a generic
    /// instantiation: its arguments are compared as written, and a hint for `Pool<Replica>` would
    /// overlap an importer's own `Pool<crate::Replica>`, rustc's E0119.)
    pub(crate) fn hints_private(&self, id: LocalId) -> bool {
        let l = self.local(id);
        l.hintable
            && !self.is_exported(id)
            && (l.id.exact || l.kind == (LocalKind::Built { factory: true }))
    }
}
