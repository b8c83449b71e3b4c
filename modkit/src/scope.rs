//! Request scopes: the owned, shareable [`Scope`], its [`ScopeBuilder`] (seeded values), and the
//! [`Cells`] the generated code fills.

use std::any::{Any, TypeId};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, TryLockError};

use crate::module::Wiring;
use crate::values::{Here, There};
use crate::{App, Module, ProvidesInScope};

/// A request scope: one unit of work (an HTTP request, a job). Request-scoped providers
/// resolved in it are made once, when first resolved, and live as long as it; singletons and
/// transients resolve as they do from the [`App`].
///
/// A scope owns what it needs: it holds the app (an `Arc<App<M>>`), so it is `'static`,
/// `Send + Sync` and can be stored in a request (an axum extension, a task's state). It is a
/// handle: clones share the same instances, and the scope's instances are dropped with its last
/// clone. Opening a scope allocates nothing (its first cells are inline); its first clone moves
/// them into one allocation the clones share. Open one with [`App::scope`], or with
/// [`App::scope_builder`] to seed it with values of the unit of work ([`Scope::seeded`]).
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App, Scope};
///
/// #[injectable]
/// pub struct Db;
///
/// #[injectable(scope = request)]
/// pub struct Session { pub db: Arc<Db> }
///
/// #[module(providers = [Db, Session])]
/// pub struct AppModule;
///
/// fn needs_static_clone<T: 'static + Clone + Send + Sync>(t: &T) -> T { t.clone() }
///
/// # fn main() {
/// let app = Arc::new(App::<AppModule>::build_sync().unwrap());
/// let (a, b) = (app.scope(), app.scope());
/// assert!(Arc::ptr_eq(&a.get::<Session>(), &a.get::<Session>()));
/// assert!(!Arc::ptr_eq(&a.get::<Session>(), &b.get::<Session>()));
/// assert!(Arc::ptr_eq(&a.get::<Session>().db, &b.get::<Session>().db));
/// // A clone is the same scope: it shares the instances.
/// let a2: Scope<AppModule> = needs_static_clone(&a);
/// assert!(Arc::ptr_eq(&a.get::<Session>(), &a2.get::<Session>()));
/// # }
/// ```
pub struct Scope<M: Module> {
    app: Arc<App<M>>,
    /// The scope's cells, inline. After its first clone they are empty and forward to the cells
    /// the clones share ([`Cells::forward`]).
    cells: Cells,
}

/// One value a scope was seeded with, by type.
type Seed = (TypeId, Arc<dyn Any + Send + Sync>);

/// The values a scope is seeded with, by type (a few per scope: a list, not a map). The first is
/// held apart: a scope opened with one seed (a request id) then allocates nothing for it but its
/// `Arc`.
#[derive(Default)]
pub(crate) struct Seeds {
    first: Option<Seed>,
    rest: Vec<Seed>,
}

impl Seeds {
    /// Adds `seed`, replacing the one of the same type if there is one.
    fn insert(&mut self, seed: Seed) {
        let same = |s: &&mut Seed| s.0 == seed.0;
        if let Some(old) = self.first.iter_mut().chain(&mut self.rest).find(same) {
            *old = seed;
        } else if self.first.is_none() {
            self.first = Some(seed);
        } else {
            self.rest.push(seed);
        }
    }
}

impl<M: Module> Scope<M> {
    #[allow(
        clippy::inline_always,
        reason = "inlined, the scope is written in place: 28 fewer instructions to open a scope, resolve in it and drop it (callgrind, build_loop scope)"
    )]
    #[inline(always)]
    pub(crate) fn open(app: &Arc<App<M>>, seeds: Seeds) -> Scope<M> {
        Scope {
            cells: Cells::new(app.cells, seeds),
            app: Arc::clone(app),
        }
    }

    /// The cells to resolve in: the scope's own until it is first cloned, then the shared ones.
    #[inline]
    fn cells(&self) -> &Cells {
        self.cells
            .forward
            .get()
            .map_or(&self.cells, |shared| shared)
    }

    /// `T` as the root module sees it: the scope's instance of a request-scoped provider, the
    /// app's singleton, or a new transient.
    #[inline]
    #[must_use]
    pub fn get<T: ?Sized>(&self) -> Arc<T>
    where
        M: ProvidesInScope<T>,
    {
        self.app.root().__provide_in(self.cells())
    }

    /// The value of type `V` the scope was seeded with ([`ScopeBuilder::with`]), if any.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use modkit::{module, App};
    ///
    /// #[derive(Debug, PartialEq)]
    /// pub struct RequestId(pub u64);
    ///
    /// #[module]
    /// pub struct AppModule;
    ///
    /// # fn main() {
    /// let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    /// let scope = app.scope_builder().with(RequestId(7)).open();
    /// assert_eq!(scope.seeded::<RequestId>().as_deref(), Some(&RequestId(7)));
    /// assert!(scope.clone().seeded::<RequestId>().is_some()); // clones share the seeds
    /// assert!(scope.seeded::<String>().is_none());
    /// assert!(app.scope().seeded::<RequestId>().is_none());
    /// # }
    /// ```
    #[must_use]
    pub fn seeded<V: Send + Sync + 'static>(&self) -> Option<Arc<V>> {
        self.cells().seeded::<V>()
    }

    /// The app the scope was opened on (the scope keeps it alive): resolve from it, or open
    /// another scope on it.
    #[must_use]
    pub fn app(&self) -> &Arc<App<M>> {
        &self.app
    }
}

impl<M: Module> Clone for Scope<M> {
    /// The same scope: the clone shares its instances and seeds.
    ///
    /// The first clone of a scope moves its cells into one allocation the clones share (once no
    /// resolve on the scope is making an instance); later clones share that allocation. A scope
    /// that is never cloned never allocates it.
    fn clone(&self) -> Scope<M> {
        let cells = Cells::new(0, Seeds::default());
        let _ = cells.forward.set(self.cells.share());
        Scope {
            app: Arc::clone(&self.app),
            cells,
        }
    }
}

impl<M: Module> std::fmt::Debug for Scope<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scope")
            .field("root", &M::info().name)
            .field("seeds", &self.cells().seeds().count())
            .finish_non_exhaustive()
    }
}

/// Opens a [`Scope`] seeded with values of the unit of work (a request id, the authenticated
/// user, a deadline): [`App::scope_builder`], then one [`with`](ScopeBuilder::with) per value,
/// then [`open`](ScopeBuilder::open).
///
/// Each `with` adds its type to `L`, as [`AppBuilder::value`](crate::AppBuilder::value) does,
/// and [`open`](ScopeBuilder::open) compiles only if `L` holds every seed the app's modules
/// declare (`#[module(seeds = [RequestId])]`), which their request-scoped providers may depend
/// on. A scope may be seeded with more than that ([`Scope::seeded`] reads any seed). Seed each
/// type once: a second value of the same type replaces the first, and if the type is a declared
/// seed, `open` then fails to compile (rustc's "type annotations needed", E0283).
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App};
///
/// pub struct RequestId(pub u64);
/// pub struct User(pub String);
///
/// #[injectable(scope = request)]
/// pub struct Session;
///
/// #[module(providers = [Session])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = Arc::new(App::<AppModule>::build_sync().unwrap());
/// let scope = app
///     .scope_builder()
///     .with(RequestId(7))
///     .with(User("ada".into()))
///     .open();
/// assert_eq!(scope.seeded::<RequestId>().map(|id| id.0), Some(7));
/// assert_eq!(scope.seeded::<User>().unwrap().0, "ada");
/// let _session = scope.get::<Session>();
/// # }
/// ```
pub struct ScopeBuilder<M: Module, L = ()> {
    app: Arc<App<M>>,
    seeds: Seeds,
    _list: PhantomData<fn() -> L>,
}

impl<M: Module> ScopeBuilder<M> {
    pub(crate) fn new(app: &Arc<App<M>>) -> ScopeBuilder<M> {
        ScopeBuilder {
            app: Arc::clone(app),
            seeds: Seeds::default(),
            _list: PhantomData,
        }
    }
}

impl<M: Module, L> ScopeBuilder<M, L> {
    /// Seeds the scope with `value`: [`Scope::seeded::<V>()`](Scope::seeded) returns it.
    #[must_use]
    pub fn with<V: Send + Sync + 'static>(mut self, value: V) -> ScopeBuilder<M, (V, L)> {
        self.seeds.insert((TypeId::of::<V>(), Arc::new(value)));
        ScopeBuilder {
            app: self.app,
            seeds: self.seeds,
            _list: PhantomData,
        }
    }

    /// Opens the scope. Compiles only when the scope has every seed the module graph declares
    /// (`seeds = [..]`): the message names the missing one and the module that declares it.
    #[must_use]
    pub fn open<I>(self) -> Scope<M>
    where
        M: OpensScope<L, I>,
    {
        Scope::open(&self.app, self.seeds)
    }
}

/// The app of root module `Self` opens a request scope seeded with the types of the list `L`:
/// `L` holds every seed its module graph declares (`seeds = [..]`). `I` are the seeds' positions
/// in `L`, inferred. What [`App::scope`] (`L = ()`) and [`ScopeBuilder::open`] require; name it
/// in generic code that opens scopes.
///
/// Implemented by modkit for every [`Module`] for which it holds; sealed.
///
/// ```
/// use std::sync::Arc;
/// use modkit::{injectable, module, App, OpensScope, ProvidesInScope};
///
/// #[injectable(scope = request)]
/// pub struct Session;
///
/// /// Opens a scope of any app that needs no seeds, and resolves a `Session` in it.
/// fn session<M, I>(app: &Arc<App<M>>) -> Arc<Session>
/// where
///     M: OpensScope<(), I> + ProvidesInScope<Session>,
/// {
///     app.scope().get::<Session>()
/// }
///
/// #[module(providers = [Session])]
/// pub struct AppModule;
///
/// # fn main() {
/// let app = Arc::new(App::<AppModule>::build_sync().unwrap());
/// let _ = session(&app);
/// # }
/// ```
#[diagnostic::on_unimplemented(
    message = "generic code opens a request scope of a module it knows only as `{Self}: Module`",
    label = "which seeds the scopes of `{Self}` need is known only for a concrete module",
    note = "fix: bound the module: `{Self}: modkit::OpensScope<(), I>` for `app.scope()`, `{Self}: modkit::OpensScope<(Seed, ()), I>` for `app.scope_builder().with(seed).open()`, with `I` a type parameter of your function"
)]
pub trait OpensScope<L, I>: Module + crate::provides::Sealed {}

impl<M: Module, L, I> OpensScope<L, I> for M
where
    M::Wiring: Wiring<M>,
    <M::Wiring as Wiring<M>>::Seeds: SeedList<L, I>,
{
}

/// Every seed the module graph of a wiring's `Seeds` type declares is in a scope builder's list
/// `L`; `I` are the positions, inferred. Implemented by [`NoSeeds`] for a graph without seeds,
/// and by the join on a generated type for each module whose graph has some: one `HasSeed`
/// bound per seed of its own, one `SeedList` bound per import whose graph has seeds. (Bounds,
/// not a list of types in an associated type: a seed type less visible than its module may be
/// named in a bound, not in a public associated type.)
#[doc(hidden)]
pub trait SeedList<L, I> {}

/// The `Seeds` of a module graph that declares none: any scope opens it.
#[doc(hidden)]
pub enum NoSeeds {}
impl<L> SeedList<L, ()> for NoSeeds {}

/// The list `Self` (built by [`ScopeBuilder::with`]) holds a `T` (at position `I`), a seed that
/// module `D` declares.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "the scope needs the seed `{T}`, and it was not supplied",
    label = "this scope is opened without a `{T}`",
    note = "module `{D}` lists `{T}` in its `seeds = [..]`: its request-scoped providers may depend on it, so every scope of this app is opened with one",
    note = "fix: `app.scope_builder().with(/* a {T} */).open()`"
)]
pub trait HasSeed<T, D, I> {}
impl<T, D, R> HasSeed<T, D, Here> for (T, R) {}
impl<T, D, H, R: HasSeed<T, D, I>, I> HasSeed<T, D, There<I>> for (H, R) {}

/// A seed must be `Send + Sync`: checked where a module declares it (the `Resolve` impl of a
/// seed requires it), in modkit's words.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "seed `{Self}` is not `Send + Sync`, and every seed of a request scope must be",
    label = "the clones of a request scope share its seeds across threads and tokio tasks",
    note = "fix: use thread-safe parts (`Arc` instead of `Rc`, `Mutex` or atomics instead of `RefCell`/`Cell`)"
)]
pub trait SeedShareable: Send + Sync + 'static {}
#[diagnostic::do_not_recommend]
impl<T: Send + Sync + 'static> SeedShareable for T {}

impl<M: Module, L> std::fmt::Debug for ScopeBuilder<M, L> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScopeBuilder")
            .field("root", &M::info().name)
            .field(
                "seeds",
                &(usize::from(self.seeds.first.is_some()) + self.seeds.rest.len()),
            )
            .finish_non_exhaustive()
    }
}

/// The storage of one request scope: one cell per request-scoped provider of the app (each
/// module owns a contiguous range, given out by [`BuildCtx::cells`](crate::build::BuildCtx::cells)).
pub struct Cells {
    inline: [Cell; INLINE_CELLS],
    /// Set by the scope's first clone: the cells it and its clones share, which hold what these
    /// held. An empty cell of a forwarded `Cells` is resolved in the shared ones.
    forward: OnceLock<Arc<Cells>>,
    /// The first value the scope was seeded with. Seeds sit with the cells so that generated
    /// code, which gets a `&Cells`, can reach them.
    seed: Option<Seed>,
    /// The cells after the first [`INLINE_CELLS`] and the seeds after the first; `None` (one
    /// test to drop it) in a scope of an app with at most 4 request providers, opened with at
    /// most one seed.
    more: Option<Box<More>>,
}

/// What most scopes do not have: cells beyond the inline ones, a second seed.
struct More {
    spill: Box<[Cell]>,
    seeds: Vec<Seed>,
}

/// One request-scoped instance, type-erased, made under the cell's lock.
///
/// A `Mutex`, not a `OnceLock`: a scope usually resolves each request provider once or twice,
/// and the first fill is what counts. `OnceLock`'s goes through `Once::call_once_force` and a
/// `dyn FnMut` (about 110 instructions); the lock's fast path is one compare-and-swap and one
/// swap, inlined. A read pays the same lock instead of `OnceLock`'s plain load (see
/// `ARCHITECTURE.md`, "Runtime and the cost of a resolve").
type Cell = Mutex<Slot>;

/// What a cell holds: the instance, once made.
type Slot = Option<Arc<dyn Any + Send + Sync>>;

/// Cells held inline in the scope: an app with at most this many request-scoped providers opens
/// a scope without allocating.
const INLINE_CELLS: usize = 4;

impl Cells {
    #[allow(clippy::inline_always, reason = "see `Scope::open`")]
    #[inline(always)]
    pub(crate) fn new(n: usize, seeds: Seeds) -> Cells {
        let Seeds { first, rest } = seeds;
        Cells {
            inline: [const { Mutex::new(None) }; INLINE_CELLS],
            forward: OnceLock::new(),
            seed: first,
            more: (n > INLINE_CELLS || !rest.is_empty()).then(|| {
                Box::new(More {
                    spill: (INLINE_CELLS..n).map(|_| Mutex::new(None)).collect(),
                    seeds: rest,
                })
            }),
        }
    }

    /// The cells a scope's clones share: made from these the first time, which are left empty
    /// and forward to them.
    ///
    /// The move needs every cell locked at once, so that no resolve makes an instance in a cell
    /// already moved. Resolves lock cells in dependency order, which is not the cells' order: a
    /// clone waiting for one cell while holding others could deadlock with them. So it only
    /// tries: if a cell is locked (an instance is being made), it lets go of all of them and
    /// tries again. Each cell is filled once, so this ends when the instances being made are.
    #[cold]
    fn share(&self) -> Arc<Cells> {
        loop {
            if let Some(shared) = self.forward.get() {
                return Arc::clone(shared);
            }
            if let Some(mut all) = self.try_lock_all() {
                if let Some(shared) = self.forward.get() {
                    // Another clone moved them while we were locking.
                    return Arc::clone(shared);
                }
                let mut taken = all.iter_mut().map(|cell| cell.take());
                let mut next = || Mutex::new(taken.next().flatten());
                let shared = Arc::new(Cells {
                    inline: std::array::from_fn(|_| next()),
                    forward: OnceLock::new(),
                    seed: self.seed.clone(),
                    more: self.more.as_ref().map(|more| {
                        Box::new(More {
                            spill: more.spill.iter().map(|_| next()).collect(),
                            seeds: more.seeds.clone(),
                        })
                    }),
                });
                // Published before the locks are released: a resolve that finds one of these
                // cells empty from now on sees the forward and resolves in the shared cells.
                let _ = self.forward.set(Arc::clone(&shared));
                return shared;
            }
            std::thread::yield_now();
        }
    }

    /// Every cell, locked, in order; `None` if one is locked already.
    fn try_lock_all(&self) -> Option<Vec<MutexGuard<'_, Slot>>> {
        let spill = self.more.as_ref().map_or(&[][..], |more| &more.spill);
        self.inline
            .iter()
            .chain(spill)
            .map(|cell| match cell.try_lock() {
                Ok(guard) => Some(guard),
                Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
                Err(TryLockError::WouldBlock) => None,
            })
            .collect()
    }

    fn seeds(&self) -> impl Iterator<Item = &Seed> {
        let rest = self.more.as_ref().map_or(&[][..], |more| &more.seeds);
        self.seed.iter().chain(rest)
    }

    /// The seeded value of type `V`, if any.
    #[inline]
    pub(crate) fn seeded<V: Send + Sync + 'static>(&self) -> Option<Arc<V>> {
        let id = TypeId::of::<V>();
        let (_, any) = self.seeds().find(|(t, _)| *t == id)?;
        Arc::clone(any).downcast::<V>().ok()
    }

    /// The scope's seed of type `T`: what a module's `Resolve` impl for a type in its
    /// `seeds = [..]` returns. Opening a scope checks at compile time that it has every seed the
    /// graph declares, so the panic is unreachable.
    #[inline]
    pub fn seed<T: SeedShareable>(&self) -> Arc<T> {
        match self.seeded::<T>() {
            Some(seed) => seed,
            None => missing_seed::<T>(),
        }
    }

    /// Cell `i`, locked. A provider that panicked while being made left its cell empty: the lock
    /// is taken back and the next resolve makes it again.
    #[inline]
    fn lock(&self, i: usize) -> MutexGuard<'_, Slot> {
        let cell = match i.checked_sub(INLINE_CELLS) {
            None => &self.inline[i],
            Some(j) => match &self.more {
                Some(more) => &more.spill[j],
                None => unreachable!("modkit: a request cell beyond the app's count"),
            },
        };
        cell.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The scope's instance in cell `i`, made by `make` the first time.
    #[inline]
    pub fn get_or_init<T: Send + Sync + 'static>(
        &self,
        i: usize,
        make: impl FnOnce() -> Arc<T>,
    ) -> Arc<T> {
        // Made while the cell is locked: racing threads of one scope wait for the first, and each
        // request provider is made once per scope. Waiting cannot deadlock: making a provider
        // locks only the cells of its dependencies, which never lead back to it (providers and
        // modules form acyclic graphs, checked at compile time).
        let mut cell = self.lock(i);
        if let Some(any) = &*cell {
            return match Arc::clone(any).downcast::<T>() {
                Ok(a) => a,
                Err(_) => unreachable!("modkit: a request cell holds another type"),
            };
        }
        if let Some(shared) = self.forward.get() {
            // Moved by the scope's first clone (checked under the cell's lock, which the move
            // held): the instance is made in the shared cells.
            drop(cell);
            return shared.get_or_init(i, make);
        }
        let instance = make();
        *cell = Some(Arc::clone(&instance) as Arc<dyn Any + Send + Sync>);
        instance
    }

    /// [`Cells::get_or_init`] for a trait object (a request-scoped binding): the cell holds the
    /// `Arc<dyn Trait>` in an `Arc` of its own.
    #[inline]
    pub fn get_or_init_dyn<T: ?Sized + Send + Sync + 'static>(
        &self,
        i: usize,
        make: impl FnOnce() -> Arc<T>,
    ) -> Arc<T> {
        let mut cell = self.lock(i);
        if let Some(any) = &*cell {
            return match any.downcast_ref::<Arc<T>>() {
                Some(a) => Arc::clone(a),
                None => unreachable!("modkit: a request cell holds another type"),
            };
        }
        if let Some(shared) = self.forward.get() {
            drop(cell);
            return shared.get_or_init_dyn(i, make);
        }
        let instance = make();
        *cell = Some(Arc::new(Arc::clone(&instance)));
        instance
    }
}

#[cold]
#[inline(never)]
fn missing_seed<T>() -> ! {
    panic!(
        "modkit: this request scope has no seed `{}`, which a module lists in `seeds = [..]`: open the scope with `app.scope_builder().with(/* the value */).open()`",
        std::any::type_name::<T>()
    )
}
