//! Lifetimes: singletons (one per app), transients (new on every resolve) and request-scoped
//! providers (one per request scope, dropped with it).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use modkit::{App, Scope, injectable, module, provider};

// ---- singletons and transients ------------------------------------------------------------------

/// Counts constructions and drops; one per app (a singleton every other provider may use).
#[injectable]
pub struct Counters {
    #[inject(default)]
    pub jobs_made: AtomicUsize,
    #[inject(default)]
    pub sessions_made: AtomicUsize,
    #[inject(default)]
    pub sessions_dropped: AtomicUsize,
    #[inject(default)]
    pub ctx_made: AtomicUsize,
    #[inject(default)]
    pub ctx_dropped: AtomicUsize,
}

#[injectable]
pub struct Db;

/// A transient, made through a factory so it can count itself.
pub struct Job {
    pub db: Arc<Db>,
    pub serial: usize,
}

#[provider(scope = transient)]
pub fn make_job(db: Arc<Db>, counters: Arc<Counters>) -> Job {
    let serial = counters.jobs_made.fetch_add(1, Ordering::SeqCst);
    Job { db, serial }
}

#[injectable(scope = transient)]
pub struct Step {
    pub job: Arc<Job>,
}

#[injectable]
pub struct Worker {
    pub db: Arc<Db>,
}

#[injectable(scope = transient)]
pub struct Planner {
    pub job: Arc<Job>,
}

/// Holds two transients that each hold a `Job`.
#[injectable(scope = transient)]
pub struct Plan {
    pub step: Arc<Step>,
    pub planner: Arc<Planner>,
}

#[module(providers = [Counters, Db, make_job, Step, Worker, Planner, Plan])]
pub struct LifeApp;

#[test]
fn singleton_is_the_same_arc_on_every_get() {
    let app = Arc::new(App::<LifeApp>::build_sync().unwrap());
    let a = app.get::<Db>();
    let b = app.get::<Db>();
    assert!(Arc::ptr_eq(&a, &b));
    assert!(Arc::ptr_eq(&a, &app.get::<Worker>().db));
    assert!(Arc::ptr_eq(&app.get::<Worker>(), &app.get::<Worker>()));
}

#[test]
fn singletons_of_two_apps_are_distinct() {
    let a = App::<LifeApp>::build_sync().unwrap();
    let b = App::<LifeApp>::build_sync().unwrap();
    assert!(!Arc::ptr_eq(&a.get::<Db>(), &b.get::<Db>()));
}

#[test]
fn transient_is_new_on_every_get() {
    let app = Arc::new(App::<LifeApp>::build_sync().unwrap());
    let made = app.get::<Counters>().jobs_made.load(Ordering::SeqCst);
    let a = app.get::<Job>();
    let b = app.get::<Job>();
    assert!(!Arc::ptr_eq(&a, &b));
    assert_ne!(a.serial, b.serial);
    assert_eq!(
        app.get::<Counters>().jobs_made.load(Ordering::SeqCst),
        made + 2
    );
}

#[test]
fn transient_shares_the_app_singletons() {
    let app = Arc::new(App::<LifeApp>::build_sync().unwrap());
    let db = app.get::<Db>();
    assert!(Arc::ptr_eq(&app.get::<Job>().db, &db));
    assert!(Arc::ptr_eq(&app.get::<Step>().job.db, &db));
}

#[test]
fn transient_depending_on_a_transient_gets_a_new_one_each_time() {
    let app = Arc::new(App::<LifeApp>::build_sync().unwrap());
    let a = app.get::<Step>();
    let b = app.get::<Step>();
    assert!(!Arc::ptr_eq(&a, &b));
    assert!(!Arc::ptr_eq(&a.job, &b.job));
}

#[test]
fn transient_injected_into_two_providers_is_two_instances() {
    let app = Arc::new(App::<LifeApp>::build_sync().unwrap());
    let made = app.get::<Counters>().jobs_made.load(Ordering::SeqCst);
    let plan = app.get::<Plan>();
    assert!(!Arc::ptr_eq(&plan.step.job, &plan.planner.job));
    assert_ne!(plan.step.job.serial, plan.planner.job.serial);
    assert_eq!(
        app.get::<Counters>().jobs_made.load(Ordering::SeqCst),
        made + 2
    );
}

#[test]
fn transient_resolved_in_a_scope_is_new_on_every_get() {
    let app = Arc::new(App::<LifeApp>::build_sync().unwrap());
    let scope = app.scope();
    assert!(!Arc::ptr_eq(&scope.get::<Job>(), &scope.get::<Job>()));
    assert!(Arc::ptr_eq(&scope.get::<Db>(), &app.get::<Db>()));
}

// ---- request scope ------------------------------------------------------------------------------

#[injectable(scope = request)]
pub struct Session {
    pub db: Arc<Db>,
    pub job: Arc<Job>,
    pub counters: Arc<Counters>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.counters
            .sessions_dropped
            .fetch_add(1, Ordering::SeqCst);
    }
}

/// A request-scoped factory, counting its constructions.
pub struct Tracker {
    pub counters: Arc<Counters>,
    pub session: Arc<Session>,
    pub job: Arc<Job>,
}

#[provider(scope = request)]
pub fn make_tracker(counters: Arc<Counters>, session: Arc<Session>, job: Arc<Job>) -> Tracker {
    counters.sessions_made.fetch_add(1, Ordering::SeqCst);
    Tracker {
        counters,
        session,
        job,
    }
}

#[injectable(scope = request)]
pub struct Handler {
    pub session: Arc<Session>,
    pub tracker: Arc<Tracker>,
    pub worker: Arc<Worker>,
}

#[module(providers = [Counters, Db, make_job, Worker, Session, make_tracker, Handler])]
pub struct RequestApp;

#[test]
fn request_provider_is_one_instance_within_a_scope() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let scope = app.scope();
    let a = scope.get::<Session>();
    let b = scope.get::<Session>();
    assert!(Arc::ptr_eq(&a, &b));
    let handler = scope.get::<Handler>();
    assert!(Arc::ptr_eq(&handler.session, &a));
    assert!(Arc::ptr_eq(&handler.tracker.session, &a));
    assert!(Arc::ptr_eq(&handler.tracker, &scope.get::<Tracker>()));
}

#[test]
fn request_provider_is_made_once_per_scope() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let counters = app.get::<Counters>();
    {
        let scope = app.scope();
        assert_eq!(counters.sessions_made.load(Ordering::SeqCst), 0);
        let _ = scope.get::<Handler>();
        let _ = scope.get::<Tracker>();
        let _ = scope.get::<Handler>();
        assert_eq!(counters.sessions_made.load(Ordering::SeqCst), 1);
    }
    let scope = app.scope();
    let _ = scope.get::<Tracker>();
    let _ = scope.get::<Tracker>();
    assert_eq!(counters.sessions_made.load(Ordering::SeqCst), 2);
}

#[test]
fn request_provider_differs_across_scopes() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let (s1, s2) = (app.scope(), app.scope());
    assert!(!Arc::ptr_eq(&s1.get::<Session>(), &s2.get::<Session>()));
    assert!(!Arc::ptr_eq(&s1.get::<Handler>(), &s2.get::<Handler>()));
    assert!(!Arc::ptr_eq(&s1.get::<Tracker>(), &s2.get::<Tracker>()));
}

#[test]
fn request_provider_gets_the_app_singletons() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let (s1, s2) = (app.scope(), app.scope());
    let (h1, h2) = (s1.get::<Handler>(), s2.get::<Handler>());
    assert!(Arc::ptr_eq(&h1.session.db, &app.get::<Db>()));
    assert!(Arc::ptr_eq(&h2.session.db, &app.get::<Db>()));
    assert!(Arc::ptr_eq(&h1.worker, &app.get::<Worker>()));
    assert!(Arc::ptr_eq(&h2.worker, &app.get::<Worker>()));
    assert!(Arc::ptr_eq(&h1.tracker.counters, &app.get::<Counters>()));
    assert!(Arc::ptr_eq(&s1.get::<Db>(), &app.get::<Db>()));
}

#[test]
fn request_provider_gets_a_new_transient_per_scope() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let (s1, s2) = (app.scope(), app.scope());
    let (a, b) = (s1.get::<Session>(), s2.get::<Session>());
    assert!(!Arc::ptr_eq(&a.job, &b.job));
    assert_ne!(a.job.serial, b.job.serial);
    // Within one scope the session keeps the transient it was made with.
    assert!(Arc::ptr_eq(&a.job, &s1.get::<Session>().job));
}

#[test]
fn two_request_providers_of_one_scope_get_two_transients() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let scope = app.scope();
    let tracker = scope.get::<Tracker>();
    assert!(!Arc::ptr_eq(&tracker.job, &tracker.session.job));
    assert_ne!(tracker.job.serial, tracker.session.job.serial);
}

#[test]
fn request_providers_are_dropped_with_their_scope() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let counters = app.get::<Counters>();
    let scope = app.scope();
    let handler = scope.get::<Handler>();
    let weak = Arc::downgrade(&handler.session);
    drop(handler);
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 0);
    assert!(
        weak.upgrade().is_some(),
        "the scope keeps the session alive"
    );
    drop(scope);
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 1);
    assert!(weak.upgrade().is_none());
}

#[test]
fn an_unused_scope_makes_and_drops_nothing() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let counters = app.get::<Counters>();
    drop(app.scope());
    assert_eq!(counters.sessions_made.load(Ordering::SeqCst), 0);
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 0);
}

#[test]
fn each_scope_drops_its_own_instances() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let counters = app.get::<Counters>();
    let s1 = app.scope();
    let s2 = app.scope();
    let _ = s1.get::<Session>();
    let _ = s2.get::<Session>();
    drop(s1);
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 1);
    let _ = s2.get::<Session>();
    drop(s2);
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 2);
}

// ---- an owned scope: 'static, shared by clones, seeded --------------------------------------------

/// What axum asks of a request extension.
fn assert_extension<T: 'static + Clone + Send + Sync>(_: &T) {}

#[test]
fn a_scope_is_static_and_clone_and_can_leave_the_function_that_opened_it() {
    fn open(app: &Arc<App<RequestApp>>) -> Scope<RequestApp> {
        let scope = app.scope();
        let _ = scope.get::<Tracker>();
        scope
    }
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let scope = open(&app);
    assert_extension(&scope);
    let counters = app.get::<Counters>();
    // The tracker made inside `open` is still the scope's (`sessions_made` counts trackers).
    let _ = scope.get::<Tracker>();
    assert_eq!(counters.sessions_made.load(Ordering::SeqCst), 1);
}

#[test]
fn clones_of_a_scope_share_its_instances() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let scope = app.scope();
    let clone = scope.clone();
    let from_clone = clone.get::<Session>();
    assert!(Arc::ptr_eq(&from_clone, &scope.get::<Session>()));
    assert!(!Arc::ptr_eq(&from_clone, &app.scope().get::<Session>()));
}

#[test]
fn a_clone_shares_what_the_scope_made_before_it_was_cloned() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let counters = app.get::<Counters>();
    let scope = app.scope();
    let before = scope.get::<Session>();
    // The first clone moves the scope's cells into the allocation the clones share.
    let clone = scope.clone();
    assert!(Arc::ptr_eq(&before, &clone.get::<Session>()));
    assert!(Arc::ptr_eq(&before, &scope.get::<Session>()));
    // Made after the clone, from either side: one instance for both.
    let tracker = clone.get::<Tracker>();
    assert!(Arc::ptr_eq(&tracker, &scope.get::<Tracker>()));
    assert!(Arc::ptr_eq(&tracker, &scope.clone().get::<Tracker>()));
    assert!(Arc::ptr_eq(&tracker, &clone.clone().get::<Tracker>()));
    assert_eq!(counters.sessions_made.load(Ordering::SeqCst), 1);
    // Nothing is dropped while a clone lives, the original included.
    drop((before, tracker, clone));
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 0);
    drop(scope);
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 1);
}

#[test]
fn request_providers_are_dropped_with_the_last_clone() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let counters = app.get::<Counters>();
    let scope = app.scope();
    let clone = scope.clone();
    let made = Arc::downgrade(&scope.get::<Session>());
    drop(scope);
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 0);
    assert!(Arc::ptr_eq(
        &made.upgrade().unwrap(),
        &clone.get::<Session>()
    ));
    drop(clone);
    assert_eq!(counters.sessions_dropped.load(Ordering::SeqCst), 1);
}

#[test]
fn a_scope_keeps_the_app_alive() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let weak = Arc::downgrade(&app);
    let scope = app.scope();
    drop(app);
    let session = scope.get::<Session>();
    assert!(Arc::ptr_eq(
        &session.counters,
        &scope.app().get::<Counters>()
    ));
    drop((scope, session));
    assert!(weak.upgrade().is_none(), "the last scope dropped the app");
}

#[derive(Debug, PartialEq)]
pub struct RequestId(pub u64);

#[derive(Debug, PartialEq)]
pub struct UserName(pub &'static str);

#[test]
fn a_scope_hands_back_the_values_it_was_seeded_with() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let scope = app
        .scope_builder()
        .with(RequestId(7))
        .with(UserName("ada"))
        .open();
    assert_eq!(scope.seeded::<RequestId>().as_deref(), Some(&RequestId(7)));
    assert_eq!(
        scope.seeded::<UserName>().as_deref(),
        Some(&UserName("ada"))
    );
    assert_eq!(
        scope.clone().seeded::<RequestId>().as_deref(),
        Some(&RequestId(7))
    );
    assert!(scope.seeded::<u64>().is_none());
    assert!(app.scope().seeded::<RequestId>().is_none());
    // After its first clone the scope reads the seeds from the shared cells.
    assert_eq!(scope.seeded::<RequestId>().as_deref(), Some(&RequestId(7)));
    // Seeding does not change what the scope resolves.
    let _ = scope.get::<Session>();
}

#[test]
fn a_second_seed_of_one_type_replaces_the_first() {
    let app = Arc::new(App::<RequestApp>::build_sync().unwrap());
    let scope = app
        .scope_builder()
        .with(RequestId(1))
        .with(UserName("ada"))
        .with(RequestId(2))
        .with(UserName("bob"))
        .open();
    assert_eq!(scope.seeded::<RequestId>().as_deref(), Some(&RequestId(2)));
    assert_eq!(
        scope.seeded::<UserName>().as_deref(),
        Some(&UserName("bob"))
    );
    assert!(format!("{scope:?}").contains("seeds: 2"), "{scope:?}");
}

// ---- seeds: values of the unit of work that request providers depend on ------------------------

/// The id of the traced request: a seed `SeedModule` keeps to itself.
#[derive(Debug, PartialEq)]
pub struct TraceId(pub u64);

/// The tenant of the request: a seed `SeedModule` exports.
#[derive(Debug, PartialEq)]
pub struct Tenant(pub &'static str);

#[injectable(scope = request)]
pub struct Traced {
    pub id: Arc<TraceId>,
    pub db: Arc<Db>,
}

#[module(seeds = [TraceId, Tenant], providers = [Db, Traced], exports = [Traced, Tenant])]
pub struct SeedModule;

/// Depends on a seed its module imports, and on a request provider that depends on another.
#[injectable(scope = request)]
pub struct TenantView {
    pub tenant: Arc<Tenant>,
    pub traced: Arc<Traced>,
}

#[module(imports = [SeedModule], providers = [TenantView])]
pub struct SeedApp;

fn seeded_scope(app: &Arc<App<SeedApp>>, id: u64, tenant: &'static str) -> Scope<SeedApp> {
    app.scope_builder()
        .with(TraceId(id))
        .with(Tenant(tenant))
        .open()
}

#[test]
fn a_request_provider_gets_the_seed_its_scope_was_opened_with() {
    let app = Arc::new(App::<SeedApp>::build_sync().unwrap());
    let scope = seeded_scope(&app, 7, "acme");
    let traced = scope.get::<TenantView>().traced.clone();
    assert_eq!(*traced.id, TraceId(7));
    // The seed itself, not a copy: the `Arc` the scope was seeded with.
    assert!(Arc::ptr_eq(&traced.id, &scope.seeded::<TraceId>().unwrap()));
}

#[test]
fn each_scope_hands_its_own_seeds_to_its_request_providers() {
    let app = Arc::new(App::<SeedApp>::build_sync().unwrap());
    let (a, b) = (
        seeded_scope(&app, 1, "acme"),
        seeded_scope(&app, 2, "umbrella"),
    );
    assert_eq!(*b.get::<TenantView>().traced.id, TraceId(2));
    assert_eq!(*a.get::<TenantView>().traced.id, TraceId(1));
    assert_eq!(*a.get::<TenantView>().tenant, Tenant("acme"));
    assert_eq!(*b.get::<TenantView>().tenant, Tenant("umbrella"));
}

#[test]
fn an_exported_seed_is_a_dependency_of_the_importer_and_resolves_from_the_root() {
    let app = Arc::new(App::<SeedApp>::build_sync().unwrap());
    // Seeded in the other order: the order of `with` does not matter.
    let scope = app
        .scope_builder()
        .with(Tenant("acme"))
        .with(TraceId(3))
        .open();
    let tenant = scope.get::<Tenant>();
    assert_eq!(*tenant, Tenant("acme"));
    assert!(Arc::ptr_eq(&tenant, &scope.get::<TenantView>().tenant));
}

#[test]
fn clones_of_a_seeded_scope_hand_out_its_seeds() {
    let app = Arc::new(App::<SeedApp>::build_sync().unwrap());
    let scope = seeded_scope(&app, 9, "acme");
    let clone = scope.clone();
    // Made in the clone, after the cells moved: the seeds moved with them.
    let view = clone.get::<TenantView>();
    assert_eq!(*view.traced.id, TraceId(9));
    assert!(Arc::ptr_eq(&view, &scope.get::<TenantView>()));
    let clone = std::thread::spawn(move || clone.get::<Tenant>())
        .join()
        .unwrap();
    assert!(Arc::ptr_eq(&clone, &scope.get::<Tenant>()));
}

#[test]
fn a_seed_shows_in_the_graph_as_a_seed() {
    use modkit::Module as _;
    let seeds: Vec<_> = SeedModule::info()
        .providers()
        .iter()
        .filter(|p| p.kind() == modkit::info::Kind::Seed)
        .map(modkit::info::ProviderInfo::name)
        .collect();
    assert_eq!(seeds, ["TraceId", "Tenant"]);
    let app = App::<SeedApp>::build_sync().unwrap();
    assert!(app.graph().to_mermaid().contains("Tenant (pub, seed)"));
}

// ---- request providers from imported modules ----------------------------------------------------

/// The request context of module C.
pub struct Ctx {
    pub counters: Arc<Counters>,
}

impl Drop for Ctx {
    fn drop(&mut self) {
        self.counters.ctx_dropped.fetch_add(1, Ordering::SeqCst);
    }
}

#[provider(scope = request)]
pub fn make_ctx(counters: Arc<Counters>) -> Ctx {
    counters.ctx_made.fetch_add(1, Ordering::SeqCst);
    Ctx { counters }
}

#[module(providers = [Counters, make_ctx], exports = [Counters, make_ctx])]
pub struct CModule;

#[injectable(scope = request)]
pub struct AReq {
    pub ctx: Arc<Ctx>,
}

/// Imports C, and re-exports all of it.
#[module(imports = [CModule], providers = [AReq], exports = [AReq, CModule])]
pub struct AModule;

#[injectable(scope = request)]
pub struct BReq {
    pub ctx: Arc<Ctx>,
}

/// Imports C, and re-exports its context by name.
#[module(imports = [CModule], providers = [BReq], exports = [BReq, make_ctx, Counters])]
pub struct BModule;

#[injectable(scope = request)]
pub struct RootReq {
    pub a: Arc<AReq>,
    pub b: Arc<BReq>,
    pub ctx: Arc<Ctx>,
}

#[module(imports = [AModule, BModule], providers = [RootReq])]
pub struct RootModule;

#[test]
fn imported_request_provider_resolves_from_the_root_scope() {
    let app = Arc::new(App::<RootModule>::build_sync().unwrap());
    let (s1, s2) = (app.scope(), app.scope());
    assert!(Arc::ptr_eq(&s1.get::<Ctx>(), &s1.get::<Ctx>()));
    assert!(!Arc::ptr_eq(&s1.get::<Ctx>(), &s2.get::<Ctx>()));
    assert!(Arc::ptr_eq(&s1.get::<AReq>(), &s1.get::<AReq>()));
    assert!(!Arc::ptr_eq(&s1.get::<AReq>(), &s2.get::<AReq>()));
    assert!(Arc::ptr_eq(&s1.get::<BReq>(), &s1.get::<BReq>()));
    assert!(!Arc::ptr_eq(&s1.get::<BReq>(), &s2.get::<BReq>()));
}

#[test]
fn request_provider_reached_along_two_reexport_paths_is_one_instance_per_scope() {
    let app = Arc::new(App::<RootModule>::build_sync().unwrap());
    let scope = app.scope();
    let root = scope.get::<RootReq>();
    let ctx = scope.get::<Ctx>();
    assert!(Arc::ptr_eq(&root.ctx, &ctx));
    assert!(Arc::ptr_eq(&root.a.ctx, &ctx), "through AModule");
    assert!(Arc::ptr_eq(&root.b.ctx, &ctx), "through BModule");
    assert!(Arc::ptr_eq(&scope.get::<AReq>().ctx, &ctx));
    assert!(Arc::ptr_eq(&scope.get::<BReq>().ctx, &ctx));
    assert_eq!(app.get::<Counters>().ctx_made.load(Ordering::SeqCst), 1);
}

#[test]
fn imported_request_provider_is_made_once_per_scope_whatever_the_order() {
    let app = Arc::new(App::<RootModule>::build_sync().unwrap());
    let counters = app.get::<Counters>();
    {
        // Leaves first: the root's provider must reuse what they made.
        let scope = app.scope();
        let b = scope.get::<BReq>();
        let a = scope.get::<AReq>();
        let root = scope.get::<RootReq>();
        assert!(Arc::ptr_eq(&a.ctx, &b.ctx));
        assert!(Arc::ptr_eq(&root.a, &a));
        assert!(Arc::ptr_eq(&root.b, &b));
    }
    assert_eq!(counters.ctx_made.load(Ordering::SeqCst), 1);
    assert_eq!(counters.ctx_dropped.load(Ordering::SeqCst), 1);
    {
        let scope = app.scope();
        let _ = scope.get::<RootReq>();
        let _ = scope.get::<Ctx>();
        let _ = scope.get::<AReq>();
    }
    assert_eq!(counters.ctx_made.load(Ordering::SeqCst), 2);
    assert_eq!(counters.ctx_dropped.load(Ordering::SeqCst), 2);
}

#[test]
fn imported_module_singletons_are_shared_by_every_scope() {
    let app = Arc::new(App::<RootModule>::build_sync().unwrap());
    let (s1, s2) = (app.scope(), app.scope());
    let counters = app.get::<Counters>();
    assert!(Arc::ptr_eq(&s1.get::<Ctx>().counters, &counters));
    assert!(Arc::ptr_eq(&s2.get::<RootReq>().b.ctx.counters, &counters));
    assert_eq!(
        app.build_order(),
        ["CModule", "AModule", "BModule", "RootModule"]
    );
}

// ---------------------------------------------------------------------------------------------
// More request providers than a scope holds inline, and a request-scoped trait object.

mod many {
    use super::*;

    macro_rules! request_types {
        ($($t:ident),*) => {
            $(
                #[injectable(scope = request)]
                pub struct $t;
            )*
            #[module(providers = [$($t),*], exports = [$($t),*])]
            pub struct ManyModule;
        };
    }
    request_types!(R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11);

    pub trait Greeter: Send + Sync {
        fn greet(&self) -> String;
    }
    #[injectable(scope = request)]
    pub struct English;
    impl Greeter for English {
        fn greet(&self) -> String {
            "hello".into()
        }
    }
    #[module(imports = [ManyModule], providers = [English as dyn Greeter], exports = [dyn Greeter])]
    pub struct ManyRoot;
}

#[test]
fn twelve_request_providers_each_live_once_per_scope() {
    use many::*;
    let app = Arc::new(App::<ManyRoot>::build_sync().unwrap());
    let (a, b) = (app.scope(), app.scope());
    macro_rules! check {
        ($($t:ident),*) => {$(
            assert!(Arc::ptr_eq(&a.get::<$t>(), &a.get::<$t>()), stringify!($t));
            assert!(!Arc::ptr_eq(&a.get::<$t>(), &b.get::<$t>()), stringify!($t));
        )*};
    }
    // R4 and up live in the cells past the scope's inline ones.
    check!(R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11);
}

#[test]
fn cloning_moves_the_cells_past_the_inline_ones_and_trait_objects() {
    use many::*;
    let app = Arc::new(App::<ManyRoot>::build_sync().unwrap());
    let a = app.scope();
    let (r2, r9, g) = (a.get::<R2>(), a.get::<R9>(), a.get::<dyn Greeter>());
    let b = a.clone();
    assert!(Arc::ptr_eq(&r2, &b.get::<R2>()));
    assert!(Arc::ptr_eq(&r9, &b.get::<R9>()));
    assert!(Arc::ptr_eq(&g, &b.get::<dyn Greeter>()));
    assert!(Arc::ptr_eq(&b.get::<R11>(), &a.get::<R11>()));
    assert!(Arc::ptr_eq(&a.get::<R0>(), &b.get::<R0>()));
    assert!(!Arc::ptr_eq(&r9, &app.scope().get::<R9>()));
}

#[test]
fn a_request_scoped_trait_object_lives_once_per_scope() {
    use many::*;
    let app = Arc::new(App::<ManyRoot>::build_sync().unwrap());
    let (a, b) = (app.scope(), app.scope());
    let g = a.get::<dyn Greeter>();
    assert_eq!(g.greet(), "hello");
    assert!(Arc::ptr_eq(&g, &a.get::<dyn Greeter>()));
    assert!(!Arc::ptr_eq(&g, &b.get::<dyn Greeter>()));
}
