//! Contributions: many modules fill one collection (`contribute = [..]`), a provider injects the
//! whole of it (`Arc<All<dyn T>>`, `Arc<Keyed<dyn T>>`). Module boundaries hold, the order is
//! imports first (in `imports = [..]` order), then the module's own, and a contribution reached
//! along two paths is there once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use modkit::{All, App, Keyed, injectable, module, provider};

pub trait Check: Send + Sync {
    fn name(&self) -> &'static str;
}

macro_rules! check {
    ($($t:ident => $n:literal),* $(,)?) => {$(
        #[injectable]
        pub struct $t;
        impl Check for $t {
            fn name(&self) -> &'static str { $n }
        }
    )*};
}
check!(DbCheck => "db", PoolCheck => "pool", CacheCheck => "cache", QueueCheck => "queue",
       AppCheck => "app", HiddenCheck => "hidden");

/// What each contributor counts when built: each contribution is built once per app.
static BUILT: AtomicUsize = AtomicUsize::new(0);

#[injectable(init = Self::count)]
pub struct CountedCheck;
impl CountedCheck {
    #[allow(clippy::unused_async)]
    async fn count(&self) -> Result<(), std::convert::Infallible> {
        BUILT.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}
impl Check for CountedCheck {
    fn name(&self) -> &'static str {
        "counted"
    }
}

/// Sees only its own contributions (it has no import): `DbCheck`, `PoolCheck`.
#[injectable]
pub struct DbHealth {
    pub checks: Arc<All<dyn Check>>,
}

#[module(
    contribute = [DbCheck as dyn Check, PoolCheck as dyn Check],
    providers = [DbHealth],
    exports = [All<dyn Check>, DbHealth],
)]
pub struct DbModule;

/// Contributes `HiddenCheck` to its own collection but does not export the collection.
#[injectable]
pub struct QueueHealth {
    pub checks: Arc<All<dyn Check>>,
}

#[module(
    imports = [DbModule],
    contribute = [QueueCheck as dyn Check, HiddenCheck as dyn Check],
    providers = [QueueHealth],
    exports = [QueueHealth],
)]
pub struct QueueModule;

/// Re-exports `DbModule` (its collection as `DbModule` exports it) and exports its own view.
#[module(imports = [DbModule], contribute = [CacheCheck as dyn Check], exports = [All<dyn Check>])]
pub struct CacheModule;

#[injectable]
pub struct AppHealth {
    pub checks: Arc<All<dyn Check>>,
}

#[module(
    imports = [CacheModule, QueueModule, DbModule],
    contribute = [AppCheck as dyn Check],
    providers = [AppHealth],
)]
pub struct AppModule;

fn names(all: &All<dyn Check>) -> Vec<&'static str> {
    all.iter().map(|c| c.name()).collect()
}

#[test]
fn a_module_sees_its_own_contributions() {
    let app = App::<AppModule>::build_sync().unwrap();
    let db = app.get::<DbHealth>();
    assert_eq!(names(&db.checks), ["db", "pool"]);
}

#[test]
fn a_private_contribution_stays_in_its_module() {
    let app = App::<AppModule>::build_sync().unwrap();
    // `QueueModule` sees `DbModule`'s exported contributions, then its own.
    assert_eq!(
        names(&app.get::<QueueHealth>().checks),
        ["db", "pool", "queue", "hidden"]
    );
    // `AppModule` does not see `QueueModule`'s: that module does not export its collection.
    let all = names(&app.get::<AppHealth>().checks);
    assert!(
        !all.contains(&"hidden") && !all.contains(&"queue"),
        "{all:?}"
    );
}

#[test]
fn imports_first_in_import_order_then_own_and_each_contribution_once() {
    let app = App::<AppModule>::build_sync().unwrap();
    // `CacheModule` hands on `db`, `pool` (from `DbModule`) and `cache`; `DbModule`, imported
    // again, adds nothing new; then `AppModule`'s own.
    assert_eq!(
        names(&app.get::<AppHealth>().checks),
        ["db", "pool", "cache", "app"]
    );
}

#[test]
fn every_module_holds_the_same_instances() {
    let app = App::<AppModule>::build_sync().unwrap();
    let db = &app.get::<DbHealth>().checks;
    let root = &app.get::<AppHealth>().checks;
    assert!(Arc::ptr_eq(&db[0], &root[0]));
    assert!(Arc::ptr_eq(&db[1], &root[1]));
}

#[test]
fn the_root_resolves_the_collection_as_a_singleton() {
    let app = App::<AppModule>::build_sync().unwrap();
    let a = app.get::<All<dyn Check>>();
    assert!(Arc::ptr_eq(&a, &app.get::<AppHealth>().checks));
    assert_eq!(names(&a), ["db", "pool", "cache", "app"]);
}

#[module(imports = [DbModule])]
pub struct ReexportingNothing;

#[test]
fn a_module_that_only_imports_hands_on_the_import_collection() {
    let app = App::<ReexportingNothing>::build_sync().unwrap();
    let seen = app.get::<All<dyn Check>>();
    let db = app.get::<DbHealth>();
    // No contribution of its own: the import's collection itself, not a copy.
    assert!(Arc::ptr_eq(&seen, &db.checks));
}

/// `exports = [DbModule]`: the re-export hands on `DbModule`'s collection, not this module's
/// own contributions.
#[module(imports = [DbModule], contribute = [HiddenCheck as dyn Check], exports = [DbModule])]
pub struct ReexportModule;

#[module(imports = [ReexportModule])]
pub struct ReexportRoot;

#[test]
fn re_exporting_an_import_keeps_own_contributions_private() {
    let app = App::<ReexportRoot>::build_sync().unwrap();
    assert_eq!(names(&app.get::<All<dyn Check>>()), ["db", "pool"]);
}

// ----- counting: each contribution is built once, whatever the number of modules seeing it

#[module(contribute = [CountedCheck as dyn Check], exports = [All<dyn Check>])]
pub struct CountedModule;

#[module(imports = [CountedModule], exports = [All<dyn Check>])]
pub struct LeftModule;

#[module(imports = [CountedModule], exports = [All<dyn Check>])]
pub struct RightModule;

#[module(imports = [LeftModule, RightModule])]
pub struct DiamondRoot;

#[tokio::test]
async fn a_contribution_reached_along_two_paths_is_built_and_listed_once() {
    let before = BUILT.load(Ordering::SeqCst);
    let app = App::<DiamondRoot>::build().await.unwrap();
    assert_eq!(BUILT.load(Ordering::SeqCst) - before, 1);
    assert_eq!(names(&app.get::<All<dyn Check>>()), ["counted"]);
}

// ----- keyed collections

pub trait Route: Send + Sync {
    fn body(&self) -> String;
    /// The `Store` a route holds, if any.
    fn store(&self) -> Option<Arc<Store>> {
        None
    }
}

#[injectable]
pub struct Users;
impl Route for Users {
    fn body(&self) -> String {
        "users".into()
    }
}

#[injectable]
pub struct Orders;
impl Route for Orders {
    fn body(&self) -> String {
        "orders".into()
    }
}

/// A factory contributes too.
#[provider]
fn health_route() -> Health {
    Health
}
pub struct Health;
impl Route for Health {
    fn body(&self) -> String {
        "ok".into()
    }
}

#[module(contribute = ["/users" => Users as dyn Route], exports = [Keyed<dyn Route>])]
pub struct UsersModule;

#[module(contribute = ["/orders" => Orders as dyn Route, "/health" => health_route as dyn Route], exports = [Keyed<dyn Route>])]
pub struct OrdersModule;

#[injectable]
pub struct Router {
    pub routes: Arc<Keyed<dyn Route>>,
}

#[module(imports = [UsersModule, OrdersModule], providers = [Router])]
pub struct WebModule;

#[test]
fn a_keyed_collection_gathers_keys_from_every_import() {
    let app = App::<WebModule>::build_sync().unwrap();
    let routes = &app.get::<Router>().routes;
    assert_eq!(routes.len(), 3);
    assert_eq!(
        routes.keys().collect::<Vec<_>>(),
        ["/users", "/orders", "/health"]
    );
    assert_eq!(
        routes.get("/orders").map(|r| r.body()).as_deref(),
        Some("orders")
    );
    assert_eq!(
        routes.get("/health").map(|r| r.body()).as_deref(),
        Some("ok")
    );
    assert!(routes.get("/missing").is_none());
}

// ----- plain contributions (no trait object) and empty declared collections

#[injectable]
pub struct Listener;

#[injectable]
pub struct Bus {
    pub listeners: Arc<All<Listener>>,
    pub routes: Arc<Keyed<dyn Route>>,
}

#[module(contribute = [Listener], collect = [Keyed<dyn Route>], providers = [Bus])]
pub struct BusModule;

#[test]
fn a_declared_collection_may_be_empty_and_a_plain_type_may_be_contributed() {
    let app = App::<BusModule>::build_sync().unwrap();
    let bus = app.get::<Bus>();
    assert_eq!(bus.listeners.len(), 1);
    assert!(bus.routes.is_empty());
}

// ----- contributions are not single providers: no collision, and `dyn Check` stays free

#[injectable]
pub struct MainCheck;
impl Check for MainCheck {
    fn name(&self) -> &'static str {
        "main"
    }
}

#[injectable]
pub struct UsesBoth {
    pub main: Arc<dyn Check>,
    pub all: Arc<All<dyn Check>>,
}

#[module(
    imports = [DbModule, CacheModule],
    providers = [MainCheck as dyn Check, UsesBoth],
    contribute = [MainCheck as dyn Check],
)]
pub struct BothModule;

#[test]
fn two_imports_exporting_one_collection_do_not_collide_and_a_binding_stays_single() {
    let app = App::<BothModule>::build_sync().unwrap();
    let both = app.get::<UsesBoth>();
    assert_eq!(both.main.name(), "main");
    assert_eq!(names(&both.all), ["db", "pool", "cache", "main"]);
    // The contribution is its own instance, not the binding's.
    assert!(!Arc::ptr_eq(&both.main, &both.all[3]));
}

// ----- a module whose edges the macro does not match by spelling (a qualified path) builds
// the same collections through the general path

#[injectable]
pub struct QualifiedHealth {
    pub checks: Arc<modkit::All<dyn Check>>,
}

#[module(
    imports = [CacheModule],
    contribute = [AppCheck as dyn Check],
    providers = [QualifiedHealth],
)]
pub struct QualifiedModule;

#[test]
fn the_general_build_path_gathers_the_same_way() {
    let app = App::<QualifiedModule>::build_sync().unwrap();
    assert_eq!(
        names(&app.get::<QualifiedHealth>().checks),
        ["db", "pool", "cache", "app"]
    );
}

// ----- a keyed contribution reached along two paths is one entry, not a duplicate key; a
// contributor has dependencies like any provider

#[injectable]
pub struct Store;

#[injectable]
pub struct StoreRoute {
    pub store: Arc<Store>,
}
impl Route for StoreRoute {
    fn body(&self) -> String {
        "store".into()
    }
    fn store(&self) -> Option<Arc<Store>> {
        Some(Arc::clone(&self.store))
    }
}

#[module(providers = [Store], contribute = ["/store" => StoreRoute as dyn Route], exports = [Keyed<dyn Route>, Store])]
pub struct StoreModule;

#[module(imports = [StoreModule], exports = [Keyed<dyn Route>])]
pub struct LeftRoutes;

#[module(imports = [StoreModule], exports = [StoreModule])]
pub struct RightRoutes;

#[module(imports = [LeftRoutes, RightRoutes])]
pub struct RoutesRoot;

#[test]
fn a_keyed_contribution_along_two_paths_is_one_entry() {
    let app = App::<RoutesRoot>::build_sync().unwrap();
    let routes = app.get::<Keyed<dyn Route>>();
    assert_eq!(routes.keys().collect::<Vec<_>>(), ["/store"]);
    assert_eq!(
        routes.get("/store").map(|r| r.body()).as_deref(),
        Some("store")
    );
    // The contributor got its module's `Store`, the one the app hands out.
    let (_, route) = routes.iter().next().unwrap();
    assert!(Arc::ptr_eq(&route.store().unwrap(), &app.get::<Store>()));
}

// ----- across crates: `shared_logger::PluginModule` contributes and exports `All<dyn Plugin>`

#[injectable]
pub struct LocalPlugin;
impl shared_logger::Plugin for LocalPlugin {
    fn name(&self) -> &'static str {
        "local"
    }
}

/// Only imports the other crate's collection: names it through the import.
#[module(imports = [shared_logger::PluginModule], exports = [All<dyn shared_logger::Plugin>])]
pub struct PluginsOnly;

#[injectable]
pub struct Plugins {
    pub all: Arc<All<dyn shared_logger::Plugin>>,
}

#[module(
    imports = [PluginsOnly, shared_logger::PluginModule],
    contribute = [LocalPlugin as dyn shared_logger::Plugin],
    providers = [Plugins],
)]
pub struct PluginsRoot;

#[test]
fn a_collection_from_another_crate_is_gathered_like_a_local_one() {
    let app = App::<PluginsRoot>::build_sync().unwrap();
    let names: Vec<_> = app.get::<Plugins>().all.iter().map(|p| p.name()).collect();
    assert_eq!(names, ["log", "local"]);
}
