//! Collections that many modules contribute to: [`All`] (a list) and [`Keyed`] (a map with
//! `&'static str` keys). A module fills them with `#[module(contribute = [..])]`; a provider
//! injects `Arc<All<dyn Trait>>` or `Arc<Keyed<dyn Trait>>` like any singleton.

use std::fmt;
use std::sync::Arc;

/// Every contribution to a collection of `T` that a module sees, in a fixed order: those its
/// imports export, import by import in `imports = [..]` order (each import in its own order),
/// then the module's own, in `contribute = [..]` order. A contribution reached through two
/// imports (a diamond) appears once, at its first place.
///
/// Built once per module when the app is built; a provider injects it as `Arc<All<T>>`, a field
/// clone like any singleton. It derefs to a slice of `Arc<T>`.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, All, App};
///
/// pub trait Check: Send + Sync { fn name(&self) -> &'static str; }
///
/// #[injectable] pub struct Db;
/// impl Check for Db { fn name(&self) -> &'static str { "db" } }
/// #[injectable] pub struct Cache;
/// impl Check for Cache { fn name(&self) -> &'static str { "cache" } }
///
/// #[module(contribute = [Db as dyn Check], exports = [All<dyn Check>])]
/// pub struct DbModule;
///
/// #[injectable]
/// pub struct Health { checks: Arc<All<dyn Check>> }
///
/// #[module(imports = [DbModule], contribute = [Cache as dyn Check], providers = [Health], exports = [Health])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = App::<AppModule>::build_sync().unwrap();
/// let names: Vec<_> = app.get::<Health>().checks.iter().map(|c| c.name()).collect();
/// assert_eq!(names, ["db", "cache"]); // imports first, then the module's own
/// # }
/// ```
pub struct All<T: ?Sized> {
    items: Box<[Arc<T>]>,
}

impl<T: ?Sized> All<T> {
    /// The contributions, in order.
    #[inline]
    #[must_use]
    pub fn as_slice(&self) -> &[Arc<T>] {
        &self.items
    }

    /// Built by the generated code.
    pub(crate) fn new(items: Vec<Arc<T>>) -> Self {
        All {
            items: items.into_boxed_slice(),
        }
    }
}

impl<T: ?Sized> std::ops::Deref for All<T> {
    type Target = [Arc<T>];
    #[inline]
    fn deref(&self) -> &[Arc<T>] {
        &self.items
    }
}

impl<'a, T: ?Sized> IntoIterator for &'a All<T> {
    type Item = &'a Arc<T>;
    type IntoIter = std::slice::Iter<'a, Arc<T>>;
    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: ?Sized> fmt::Debug for All<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "All({} contributions)", self.items.len())
    }
}

/// Contributions to a collection of `T`, each under a key (`contribute = ["db" => DbCheck as dyn
/// Check]`). A key appears once: two contributions under one key that a module can see both of
/// are a compile error naming both. Iteration follows the order of [`All`]; [`Keyed::get`] is a
/// binary search.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App, Keyed};
///
/// pub trait Route: Send + Sync { fn body(&self) -> &'static str; }
///
/// #[injectable] pub struct Users;
/// impl Route for Users { fn body(&self) -> &'static str { "users" } }
/// #[injectable] pub struct Orders;
/// impl Route for Orders { fn body(&self) -> &'static str { "orders" } }
///
/// #[module(contribute = ["/users" => Users as dyn Route, "/orders" => Orders as dyn Route])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = App::<AppModule>::build_sync().unwrap();
/// let routes = app.get::<Keyed<dyn Route>>();
/// assert_eq!(routes.get("/orders").map(|r| r.body()), Some("orders"));
/// assert!(routes.get("/nope").is_none());
/// assert_eq!(routes.keys().collect::<Vec<_>>(), ["/users", "/orders"]);
/// # }
/// ```
pub struct Keyed<T: ?Sized> {
    entries: Box<[(&'static str, Arc<T>)]>,
    /// Positions in `entries`, sorted by key.
    sorted: Box<[usize]>,
}

impl<T: ?Sized> Keyed<T> {
    /// The contribution under `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Arc<T>> {
        self.sorted
            .binary_search_by(|&i| self.entries[i].0.cmp(key))
            .ok()
            .map(|i| &self.entries[self.sorted[i]].1)
    }

    /// The keys and contributions, in order.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'static str, &Arc<T>)> {
        self.entries.iter().map(|(k, v)| (*k, v))
    }

    /// The keys, in order.
    #[must_use]
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &'static str> + '_ {
        self.entries.iter().map(|(k, _)| *k)
    }

    /// The number of contributions.
    #[inline]
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was contributed.
    #[inline]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Built by the generated code; the keys are distinct (checked at compile time).
    pub(crate) fn new(entries: Vec<(&'static str, Arc<T>)>) -> Self {
        let mut sorted: Vec<usize> = (0..entries.len()).collect();
        sorted.sort_by_key(|&i| entries[i].0);
        Keyed {
            entries: entries.into_boxed_slice(),
            sorted: sorted.into_boxed_slice(),
        }
    }
}

impl<T: ?Sized> fmt::Debug for Keyed<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.keys()).finish()
    }
}

/// What the generated build code calls: a collection from its contributions, and the `i`-th
/// contribution of an imported one.
pub(crate) mod build {
    use super::{All, Arc, Keyed};

    /// A list collection.
    #[inline]
    #[must_use]
    pub fn all<T: ?Sized>(items: Vec<Arc<T>>) -> Arc<All<T>> {
        Arc::new(All::new(items))
    }

    /// A keyed collection.
    #[inline]
    #[must_use]
    pub fn keyed<T: ?Sized>(entries: Vec<(&'static str, Arc<T>)>) -> Arc<Keyed<T>> {
        Arc::new(Keyed::new(entries))
    }

    /// Appends the contributions `from..to` of an imported list.
    #[inline]
    pub fn all_extend<T: ?Sized>(v: &mut Vec<Arc<T>>, all: &All<T>, from: usize, to: usize) {
        v.extend(all.items[from..to].iter().cloned());
    }

    /// Appends the entries `from..to` of an imported map.
    #[inline]
    pub fn keyed_extend<T: ?Sized>(
        v: &mut Vec<(&'static str, Arc<T>)>,
        map: &Keyed<T>,
        from: usize,
        to: usize,
    ) {
        v.extend(
            map.entries[from..to]
                .iter()
                .map(|(k, e)| (*k, Arc::clone(e))),
        );
    }
}
