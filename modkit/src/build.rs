//! The build: the registry of built modules, the shutdown list, the sync/async split.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::info::ModuleInfo;
use crate::provider::{New, Provider};
use crate::{BoxError, BuildError, Module};

/// A boxed, sendable future: what module builds and lifecycle hooks return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// `Self` is what makes a module need the async build: `NoAsync` when nothing does.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is built asynchronously, so this app cannot be built with `build_sync()`",
    label = "the graph has an `async fn` provider or a lifecycle hook",
    note = "`build_sync()` builds graphs whose providers are plain functions and that have no `init`/`shutdown` hooks",
    note = "fix: build the app with `App::build().await` (or `App::builder()...build().await`) inside an async runtime"
)]
pub trait SyncBuildable {}

/// The marker of a module graph without async providers or hooks.
pub enum NoAsync {}
impl SyncBuildable for NoAsync {}

/// A provider with a shutdown hook that was built (and whose init hook, if any, succeeded).
pub(crate) struct Started {
    pub(crate) module: &'static str,
    pub(crate) provider: &'static str,
    pub(crate) shutdown: ShutdownFn,
}

type ShutdownFn = Box<dyn FnOnce() -> Option<BoxFuture<'static, Result<(), BoxError>>> + Send>;

/// A built module, type-erased: what an importer keeps alive when it does not reach into it.
pub type AnyModule = Arc<dyn Any + Send + Sync>;

/// A module an importer keeps: shared across threads like the app. `Module` itself does not
/// require it, so that a provider that is not `Send + Sync` is reported once, at the provider
/// (`Provider::Output: Shareable`), and not again at every impl of its module.
#[diagnostic::on_unimplemented(
    message = "module `{Self}` is not `Send + Sync`, because one of its providers is not",
    label = "imported here: an app is shared across threads, and so is every module in it",
    note = "the provider is reported above; fix it there and this error goes away"
)]
pub trait SharedModule: Send + Sync {}
#[diagnostic::do_not_recommend]
impl<T: Send + Sync> SharedModule for T {}

/// The import `M` a module keeps type-erased, to reach an imported singleton it holds no copy
/// of (a cold path: `App::get` on a module that exports something).
#[inline]
#[must_use]
pub fn erased<M: Module>(m: &AnyModule) -> &M {
    match m.downcast_ref::<M>() {
        Some(m) => m,
        None => unreachable!("modkit: a module keeps another module than it imports"),
    }
}

/// Modules a build registers without allocating; larger graphs spill into a map.
const INLINE_MODULES: usize = 8;

/// State of one `App::build`: each module type is built once, whatever the number of paths that
/// import it. Used only while building (a cold path), never when resolving.
///
/// It records no names and no order: the build order and the start order follow from the
/// static graph ([`crate::App::build_order`]), and a failing provider's path is assembled as its
/// error travels back up the imports ([`BuildCtx::import_sync`]).
pub struct BuildCtx {
    inline: [Option<(TypeId, AnyModule)>; INLINE_MODULES],
    /// The modules after the first [`INLINE_MODULES`]; created only when a graph has more (a
    /// `HashMap::new` seeds its hasher from a thread-local: not free).
    spill: Option<HashMap<TypeId, AnyModule>>,
    /// Providers with a shutdown hook, in the order they started.
    pub(crate) started: Vec<Started>,
    values: Supplied,
    /// The modules' configs, loaded before the build, by config name.
    configs: Supplied<&'static str>,
    slots: usize,
    /// The test's replacements (`AppBuilder::replace_for_test`).
    #[cfg(feature = "testing")]
    replaced: crate::testing::Replacements,
}

/// The values the caller supplied (`AppBuilder::value`), by type: a few per app, a list.
pub(crate) type Supplied<K = TypeId> = Vec<(K, Arc<dyn Any + Send + Sync>)>;

impl Default for BuildCtx {
    fn default() -> BuildCtx {
        BuildCtx::new(
            Vec::new(),
            #[cfg(feature = "testing")]
            Vec::new(),
        )
    }
}

/// The module build function: `Module::__build`.
pub type BuildFn<M> = for<'a> fn(&'a mut BuildCtx) -> BoxFuture<'a, Result<M, BuildError>>;

/// The synchronous module build function: `Module::__build_sync`.
pub type BuildSyncFn<M> = fn(&mut BuildCtx) -> Result<M, BuildError>;

impl BuildCtx {
    /// The state of a build given the values the caller supplied (and a test's replacements).
    #[inline]
    pub(crate) fn new(
        values: Supplied,
        #[cfg(feature = "testing")] replaced: crate::testing::Replacements,
    ) -> BuildCtx {
        BuildCtx {
            inline: [const { None }; INLINE_MODULES],
            spill: None,
            started: Vec::new(),
            values,
            configs: Vec::new(),
            slots: 0,
            #[cfg(feature = "testing")]
            replaced,
        }
    }

    /// The replacement of `T` in module `X` the test supplied, if any; what the generated build
    /// of `X` takes instead of building `T` (`__replaced_or!`). A build without replacements
    /// pays one branch.
    #[cfg(feature = "testing")]
    #[inline]
    pub fn replaced<X: 'static, T: ?Sized + 'static>(&mut self) -> Option<Arc<T>> {
        if self.replaced.is_empty() {
            None
        } else {
            crate::testing::take::<X, T>(&mut self.replaced)
        }
    }

    /// The build error for a replacement no module used, if any.
    #[cfg(feature = "testing")]
    #[inline]
    pub(crate) fn unused_replacement(&self, root: &'static str) -> Option<BuildError> {
        if self.replaced.is_empty() {
            None
        } else {
            crate::testing::unused(&self.replaced, root)
        }
    }

    /// The same state, with the configs loaded for the app's modules.
    #[cfg(feature = "config")]
    pub(crate) fn with_configs(mut self, configs: Supplied<&'static str>) -> BuildCtx {
        self.configs = configs;
        self
    }

    /// The built instance of the imported module `M`, building it first if no path built it yet.
    ///
    /// `build` is `M::__build`, passed as a function pointer so that a chain of imports never
    /// turns into a chain of nested generic instantiations.
    ///
    /// # Errors
    /// The first provider or init hook that failed, its path starting at `M`.
    pub async fn import<M: Module + SharedModule>(
        &mut self,
        build: BuildFn<M>,
    ) -> Result<Arc<M>, BuildError> {
        if let Some(m) = self.find::<M>() {
            return Ok(m);
        }
        let result = build(self).await;
        self.register(result)
    }

    /// [`BuildCtx::import`] for a module whose graph has no `async fn` provider and no hook: a
    /// plain call, no future.
    ///
    /// # Errors
    /// The first provider that failed, its path starting at `M`.
    pub fn import_sync<M: Module + SharedModule>(
        &mut self,
        build: BuildSyncFn<M>,
    ) -> Result<Arc<M>, BuildError> {
        if let Some(m) = self.find::<M>() {
            return Ok(m);
        }
        let result = build(self);
        self.register(result)
    }

    /// The module `M` already built along another path.
    #[inline]
    fn find<M: Module + SharedModule>(&self) -> Option<Arc<M>> {
        let id = TypeId::of::<M>();
        let any = self
            .inline
            .iter()
            .map_while(Option::as_ref)
            .find(|(t, _)| *t == id)
            .map(|(_, m)| m)
            .or_else(|| self.spill.as_ref()?.get(&id))?;
        Arc::clone(any).downcast::<M>().ok()
    }

    /// What an import of `M` returns: the registered module, or the error with `M` in front of
    /// its path.
    fn register<M: Module + SharedModule>(
        &mut self,
        built: Result<M, BuildError>,
    ) -> Result<Arc<M>, BuildError> {
        match built {
            Ok(m) => Ok(self.keep(m)),
            Err(e) => Err(e.within(M::info().name)),
        }
    }

    /// Registers the module `M`, just built: once per app, whatever the number of paths
    /// importing it.
    fn keep<M: Module + SharedModule>(&mut self, m: M) -> Arc<M> {
        let m = Arc::new(m);
        let entry = (TypeId::of::<M>(), Arc::clone(&m) as AnyModule);
        match self.inline.iter_mut().find(|slot| slot.is_none()) {
            Some(slot) => *slot = Some(entry),
            None => {
                self.spill
                    .get_or_insert_with(HashMap::new)
                    .insert(entry.0, entry.1);
            }
        }
        m
    }

    /// The value provider `index` of module `M` constructed, in an `Arc`, or the build error
    /// naming its path.
    ///
    /// # Errors
    /// The constructor's error, with the provider's path.
    #[inline]
    pub fn made<M: Module, P: Provider>(
        &self,
        index: usize,
        made: Result<P::Output, BoxError>,
    ) -> Result<Arc<P::Output>, BuildError> {
        match made {
            Ok(v) => Ok(Arc::new(v)),
            Err(e) => Err(fail::<M>(index, crate::error::Stage::Construct, e)),
        }
    }

    /// The singleton `P` made by [`New`] from `args` (a module built directly): its `Arc`, or
    /// the build error naming it.
    ///
    /// # Errors
    /// What the provider returned, as a build error naming the provider and module `M`.
    #[inline]
    pub fn make<M: Module, P: New<A>, A>(
        &self,
        index: usize,
        args: A,
    ) -> Result<Arc<P::Output>, BuildError> {
        self.made::<M, P>(index, P::new(args))
    }

    /// Reserves `n` request-scope cells for one module; returns the first.
    pub fn cells(&mut self, n: usize) -> usize {
        let base = self.slots;
        self.slots += n;
        base
    }

    /// The value of type `V` the caller supplied.
    #[must_use]
    pub fn value<V: Send + Sync + 'static>(&self) -> Arc<V> {
        let id = TypeId::of::<V>();
        match self
            .values
            .iter()
            .find(|(t, _)| *t == id)
            .and_then(|(_, v)| Arc::clone(v).downcast::<V>().ok())
        {
            Some(v) => v,
            None => unreachable!("modkit: a value checked at compile time was not supplied"),
        }
    }

    /// The config named `name`, loaded before the build.
    #[must_use]
    pub fn config<C: Send + Sync + 'static>(&self, name: &str) -> Arc<C> {
        match self
            .configs
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| Arc::clone(v).downcast::<C>().ok())
        {
            Some(v) => v,
            None => unreachable!("modkit: a module's config was not loaded before its build"),
        }
    }

    /// Runs the init hook of provider `index` of module `M`, if it has one (its dependencies
    /// have run theirs), and keeps its shutdown hook for later.
    ///
    /// # Errors
    /// The init hook's error, with the provider's path.
    pub async fn started<M: Module, P: Provider>(
        &mut self,
        index: usize,
        v: &Arc<P::Output>,
    ) -> Result<(), BuildError>
    where
        P::Output: Send + Sync,
    {
        let module = M::info().name;
        if let Some(init) = P::init(v) {
            use tracing::Instrument as _;
            let span = tracing::info_span!("modkit.init", module, provider = P::NAME);
            if let Err(e) = init.instrument(span).await {
                return Err(fail::<M>(index, crate::error::Stage::Init, e));
            }
        }
        if P::HAS_SHUTDOWN {
            let v = Arc::clone(v);
            self.started.push(Started {
                module,
                provider: P::NAME,
                shutdown: Box::new(move || P::shutdown(v)),
            });
        }
        Ok(())
    }

    /// What the app keeps: the providers with a shutdown hook, in start order, and the number
    /// of request cells. Taken through `&mut`: the context (a few hundred bytes) is not copied.
    pub(crate) fn take_parts(&mut self) -> (Vec<Started>, usize) {
        (std::mem::take(&mut self.started), self.slots)
    }
}

/// The error for provider `index` of module `M`: its path inside `M`. The modules above it
/// are added as the error travels back up the imports ([`BuildError::within`]).
fn fail<M: Module>(index: usize, stage: crate::error::Stage, source: BoxError) -> BuildError {
    BuildError::new(dependants(M::info(), index), stage, source)
}

/// The chain of providers of `info` that leads to provider `index`: the first provider (in list
/// order) that depends on it, the first that depends on that one, and so on, outermost first.
fn dependants(info: &ModuleInfo, index: usize) -> Vec<&'static str> {
    let mut chain = vec![index];
    let mut at = index;
    while let Some(up) = info
        .providers
        .iter()
        .position(|p| p.deps.iter().any(|d| d.local == Some(at)))
    {
        if chain.contains(&up) {
            break;
        }
        chain.push(up);
        at = up;
    }
    chain
        .iter()
        .rev()
        .filter_map(|&i| info.providers.get(i).map(|p| p.name))
        .collect()
}
