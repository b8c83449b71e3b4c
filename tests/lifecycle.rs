//! The lifecycle: `init` hooks run in dependency order, once each; `shutdown` runs the shutdown
//! hooks in the exact reverse order, once; a failed build rolls back what started (and drops
//! every instance it made); errors name the path to the failing provider; tracing spans.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use modkit::{App, BuildError, Stage, injectable, module, provider};

/// An event log shared by the providers of one test, supplied as a value.
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, event: impl Into<String>) {
        self.0.lock().unwrap().push(event.into());
    }

    fn events(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// tracing caches, per call site and for the whole process, whether any subscriber listens; a
/// thread-local subscriber set while another thread is registering one of modkit's call sites
/// can miss it. The tracing tests take this lock for writing, every other test of this file
/// for reading, so that no build runs on another thread while a tracing test sets its
/// subscriber.
static TRACING: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

fn strings(events: &[&str]) -> Vec<String> {
    events.iter().map(|e| (*e).to_owned()).collect()
}

// ---- 1. dependency order across two modules and within one ------------------------------------

#[injectable(init = start, shutdown = stop)]
pub struct Store {
    log: Arc<Log>,
}

impl Store {
    async fn start(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.log.push("init Store");
        Ok(())
    }
    async fn stop(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.log.push("stop Store");
        Ok(())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        self.log.push("drop Store");
    }
}

#[module(values = [Log], providers = [Store], exports = [Store])]
pub struct CoreModule;

#[injectable(init = start, shutdown = stop)]
pub struct Repo {
    log: Arc<Log>,
    store: Arc<Store>,
}

impl Repo {
    async fn start(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.log.push("init Repo");
        Ok(())
    }
    async fn stop(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.log.push("stop Repo");
        Ok(())
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        self.log.push("drop Repo");
    }
}

#[injectable(init = start, shutdown = stop)]
pub struct Service {
    log: Arc<Log>,
    repo: Arc<Repo>,
}

impl Service {
    async fn start(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.log.push("init Service");
        Ok(())
    }
    async fn stop(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.log.push("stop Service");
        Ok(())
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.log.push("drop Service");
    }
}

// Listed dependants first: the build order must come from the dependencies, not the list.
#[module(imports = [CoreModule], values = [Log], providers = [Service, Repo], exports = [Service])]
pub struct LayeredModule;

async fn build_layered(log: &Log) -> App<LayeredModule> {
    App::<LayeredModule>::builder()
        .value(log.clone())
        .build()
        .await
        .expect("nothing in LayeredModule fails")
}

#[tokio::test]
async fn init_runs_in_dependency_order_once_each_and_shutdown_in_reverse_once() {
    let _serial = TRACING.read().await;
    let log = Log::default();
    let app = build_layered(&log).await;

    assert_eq!(app.build_order(), ["CoreModule", "LayeredModule"]);
    assert_eq!(
        app.start_order(),
        [
            ("CoreModule", "Store"),
            ("LayeredModule", "Repo"),
            ("LayeredModule", "Service"),
        ]
    );
    assert_eq!(
        log.events(),
        strings(&["init Store", "init Repo", "init Service"])
    );
    // the built graph is the one whose hooks ran
    let svc = app.get::<Service>();
    assert!(Arc::ptr_eq(&svc.repo.store.log, &svc.log));
    drop(svc);

    app.shutdown().await.expect("no shutdown hook fails");
    let after_shutdown = strings(&[
        "init Store",
        "init Repo",
        "init Service",
        "stop Service",
        "stop Repo",
        "stop Store",
    ]);
    assert_eq!(log.events(), after_shutdown);

    // the second call runs nothing
    app.shutdown().await.expect("a second shutdown is a no-op");
    assert_eq!(log.events(), after_shutdown);

    // shutdown does not drop the instances; dropping the app does, each once
    drop(app);
    let events = log.events();
    assert_eq!(events[..6], after_shutdown[..]);
    let mut drops = events[6..].to_vec();
    drops.sort();
    assert_eq!(drops, strings(&["drop Repo", "drop Service", "drop Store"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_shutdowns_run_each_hook_once() {
    let _serial = TRACING.read().await;
    let log = Log::default();
    let app = Arc::new(build_layered(&log).await);
    let (a, b) = (Arc::clone(&app), Arc::clone(&app));
    let (ra, rb) = tokio::join!(
        tokio::spawn(async move { a.shutdown().await.is_ok() }),
        tokio::spawn(async move { b.shutdown().await.is_ok() }),
    );
    assert!(ra.unwrap() && rb.unwrap());
    assert_eq!(
        log.events(),
        strings(&[
            "init Store",
            "init Repo",
            "init Service",
            "stop Service",
            "stop Repo",
            "stop Store",
        ])
    );
}

#[tokio::test]
async fn dropping_the_app_without_shutdown_drops_every_instance_and_runs_no_hook() {
    let _serial = TRACING.read().await;
    let log = Log::default();
    let app = build_layered(&log).await;
    drop(app);
    let events = log.events();
    assert_eq!(
        events[..3],
        strings(&["init Store", "init Repo", "init Service"])[..]
    );
    // the kept shutdown hooks hold no instance alive: each is dropped, once
    let mut rest = events[3..].to_vec();
    rest.sort();
    assert_eq!(rest, strings(&["drop Repo", "drop Service", "drop Store"]));
}

// ---- 2. and 3. a 10-provider chain with failure injection at every position --------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The fallible factory returns `Err`.
    Construct,
    /// The init hook returns `Err`.
    Init,
}

/// What the chain providers record: every hook call, and every instance made and dropped.
#[derive(Default)]
pub struct Probe {
    events: Mutex<Vec<String>>,
    made: Mutex<Vec<usize>>,
    dropped: Mutex<Vec<usize>>,
}

impl Probe {
    fn event(&self, e: String) {
        self.events.lock().unwrap().push(e);
    }
    fn events(&self) -> Vec<String> {
        self.events.lock().unwrap().clone()
    }
    fn made(&self) -> Vec<usize> {
        self.made.lock().unwrap().clone()
    }
    fn dropped(&self) -> Vec<usize> {
        let mut d = self.dropped.lock().unwrap().clone();
        d.sort_unstable();
        d
    }
}

/// The chain's configuration, supplied as a value: where to fail, which shutdown hooks fail.
pub struct FailAt {
    fail: Option<(Kind, usize)>,
    failing_stops: Vec<usize>,
    probe: Arc<Probe>,
}

impl FailAt {
    fn construct(&self, i: usize) -> Result<(), String> {
        self.probe.event(format!("new p{i}"));
        if self.fail == Some((Kind::Construct, i)) {
            return Err(format!("p{i} refused to construct"));
        }
        self.probe.made.lock().unwrap().push(i);
        Ok(())
    }
    fn init(&self, i: usize) -> Result<(), String> {
        self.probe.event(format!("init p{i}"));
        if self.fail == Some((Kind::Init, i)) {
            return Err(format!("p{i} refused to init"));
        }
        Ok(())
    }
    fn stop(&self, i: usize) -> Result<(), String> {
        self.probe.event(format!("stop p{i}"));
        if self.failing_stops.contains(&i) {
            return Err(format!("p{i} refused to stop"));
        }
        Ok(())
    }
    fn dropped(&self, i: usize) {
        self.probe.dropped.lock().unwrap().push(i);
    }
}

macro_rules! chain_hooks {
    ($ty:ident, $i:literal) => {
        impl $ty {
            async fn init(&self) -> Result<(), String> {
                tokio::task::yield_now().await;
                self.at.init($i)
            }
            async fn stop(&self) -> Result<(), String> {
                tokio::task::yield_now().await;
                self.at.stop($i)
            }
        }
        impl Drop for $ty {
            fn drop(&mut self) {
                self.at.dropped($i);
            }
        }
    };
}

pub struct P0 {
    at: Arc<FailAt>,
}
chain_hooks!(P0, 0);

/// The head of the chain.
///
/// # Errors
/// When [`FailAt`] says the constructor of `p0` fails.
#[provider(init = P0::init, shutdown = P0::stop)]
pub fn p0(at: Arc<FailAt>) -> Result<P0, String> {
    at.construct(0)?;
    Ok(P0 { at })
}

/// Stamps link `$i` of the chain: `$ty` depends on `$prev`. The hooks are named bare
/// (`init = init`, resolved on the provided type): spelled `init = $ty::init`, it does not
/// compile here (`cannot find value __modkit_v`: the macro gives its own local the span of the
/// hook path, which comes from this macro's caller).
macro_rules! chain_link {
    ($ty:ident, $make:ident, $i:literal, $prev:ident) => {
        pub struct $ty {
            at: Arc<FailAt>,
            prev: Arc<$prev>,
        }
        chain_hooks!($ty, $i);

        /// A link of the chain.
        ///
        /// # Errors
        /// When [`FailAt`] says this constructor fails.
        #[provider(init = init, shutdown = stop)]
        pub fn $make(at: Arc<FailAt>, prev: Arc<$prev>) -> Result<$ty, String> {
            at.construct($i)?;
            Ok($ty { at, prev })
        }
    };
}

chain_link!(P1, p1, 1, P0);
chain_link!(P2, p2, 2, P1);
chain_link!(P3, p3, 3, P2);
chain_link!(P4, p4, 4, P3);
chain_link!(P5, p5, 5, P4);
chain_link!(P6, p6, 6, P5);
chain_link!(P7, p7, 7, P6);
chain_link!(P8, p8, 8, P7);
chain_link!(P9, p9, 9, P8);

// Listed out of order: the build order must come from the dependencies.
#[module(values = [FailAt], providers = [p4, p9, p0, p7, p2, p5, p1, p8, p3, p6], exports = [p9])]
pub struct ChainModule;

#[module(imports = [ChainModule])]
pub struct ChainApp;

const CHAIN: [&str; 10] = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"];

async fn build_chain(
    fail: Option<(Kind, usize)>,
    failing_stops: &[usize],
) -> (Result<App<ChainApp>, BuildError>, Arc<Probe>) {
    let probe = Arc::new(Probe::default());
    let at = FailAt {
        fail,
        failing_stops: failing_stops.to_vec(),
        probe: Arc::clone(&probe),
    };
    let built = App::<ChainApp>::builder().value(at).build().await;
    (built, probe)
}

/// The events of a build that fails at provider `k` with `kind`, and of its rollback.
fn failed_build_events(kind: Kind, k: usize) -> Vec<String> {
    let mut want = Vec::new();
    for i in 0..k {
        want.push(format!("new p{i}"));
        want.push(format!("init p{i}"));
    }
    want.push(format!("new p{k}"));
    if kind == Kind::Init {
        want.push(format!("init p{k}"));
    }
    for i in (0..k).rev() {
        want.push(format!("stop p{i}"));
    }
    want
}

async fn check_failure_at(kind: Kind, k: usize) {
    let (built, probe) = build_chain(Some((kind, k)), &[]).await;
    let case = format!("{kind:?} failure at p{k}");
    let Err(err) = built else {
        panic!("{case}: the build succeeded")
    };

    assert_eq!(err.provider(), CHAIN[k], "{case}");
    let want_stage = match kind {
        Kind::Construct => Stage::Construct,
        Kind::Init => Stage::Init,
    };
    assert_eq!(err.stage(), want_stage, "{case}");
    // root module, owning module, then the providers depending on p{k}, outermost first
    let mut want_path = vec!["ChainApp", "ChainModule"];
    want_path.extend(CHAIN[k..].iter().rev());
    assert_eq!(err.path(), want_path, "{case}");
    let (stage_tag, msg) = match kind {
        Kind::Construct => ("", format!("p{k} refused to construct")),
        Kind::Init => (" (init)", format!("p{k} refused to init")),
    };
    assert_eq!(
        err.to_string(),
        format!("{}{stage_tag}: {msg}", want_path.join(" > ")),
        "{case}"
    );
    assert_eq!(
        std::error::Error::source(&err).map(ToString::to_string),
        Some(msg),
        "{case}"
    );
    assert!(err.shutdown_errors().is_empty(), "{case}");

    // what started before p{k} was shut down, in reverse, once each; p{k}'s shutdown never ran
    assert_eq!(probe.events(), failed_build_events(kind, k), "{case}");

    // every instance made was dropped by the time the error is returned, each once
    let made_count = match kind {
        Kind::Construct => k,
        Kind::Init => k + 1,
    };
    assert_eq!(probe.made(), (0..made_count).collect::<Vec<_>>(), "{case}");
    assert_eq!(probe.dropped(), probe.made(), "{case}: made vs dropped");
}

#[tokio::test]
async fn a_constructor_failure_at_any_position_rolls_back_what_started() {
    let _serial = TRACING.read().await;
    for k in 0..CHAIN.len() {
        check_failure_at(Kind::Construct, k).await;
    }
}

#[tokio::test]
async fn an_init_failure_at_any_position_rolls_back_what_started() {
    let _serial = TRACING.read().await;
    for k in 0..CHAIN.len() {
        check_failure_at(Kind::Init, k).await;
    }
}

#[tokio::test]
async fn the_whole_chain_starts_in_order_and_stops_in_reverse() {
    let _serial = TRACING.read().await;
    let (built, probe) = build_chain(None, &[]).await;
    let app = built.expect("nothing fails");
    let want_start: Vec<_> = CHAIN.iter().map(|p| ("ChainModule", *p)).collect();
    assert_eq!(app.start_order(), want_start);
    // one instance per link, all sharing the one supplied value
    let p9 = app.get::<P9>();
    let p8 = Arc::clone(&p9.prev);
    let p7 = Arc::clone(&p8.prev);
    let p6 = Arc::clone(&p7.prev);
    let p5 = Arc::clone(&p6.prev);
    let p4 = Arc::clone(&p5.prev);
    let p3 = Arc::clone(&p4.prev);
    let p2 = Arc::clone(&p3.prev);
    let p1 = Arc::clone(&p2.prev);
    let p0 = Arc::clone(&p1.prev);
    for at in [
        &p8.at, &p7.at, &p6.at, &p5.at, &p4.at, &p3.at, &p2.at, &p1.at, &p0.at,
    ] {
        assert!(Arc::ptr_eq(at, &p9.at));
    }
    drop((p0, p1, p2, p3, p4, p5, p6, p7, p8, p9));

    app.shutdown().await.expect("no shutdown hook fails");
    app.shutdown().await.expect("a second shutdown is a no-op");
    let mut want = Vec::new();
    for i in 0..10 {
        want.push(format!("new p{i}"));
        want.push(format!("init p{i}"));
    }
    for i in (0..10).rev() {
        want.push(format!("stop p{i}"));
    }
    assert_eq!(probe.events(), want);

    assert!(
        probe.dropped().is_empty(),
        "shutdown must not drop instances"
    );
    drop(app);
    assert_eq!(probe.made(), (0..10).collect::<Vec<_>>());
    assert_eq!(probe.dropped(), probe.made());
}

#[tokio::test]
async fn failing_shutdown_hooks_do_not_stop_the_others() {
    let _serial = TRACING.read().await;
    let (built, probe) = build_chain(None, &[2, 5, 7]).await;
    let app = built.expect("nothing fails at build");
    let err = app.shutdown().await.expect_err("three shutdown hooks fail");

    // every hook ran, in reverse start order, once
    let stops: Vec<_> = probe
        .events()
        .into_iter()
        .filter(|e| e.starts_with("stop "))
        .collect();
    let want_stops: Vec<_> = (0..10).rev().map(|i| format!("stop p{i}")).collect();
    assert_eq!(stops, want_stops);

    // every failure is reported, in the order the hooks ran
    let failed: Vec<_> = err
        .errors()
        .iter()
        .map(|e| (e.module, e.provider, e.error.to_string()))
        .collect();
    assert_eq!(
        failed,
        [
            ("ChainModule", "p7", "p7 refused to stop".to_owned()),
            ("ChainModule", "p5", "p5 refused to stop".to_owned()),
            ("ChainModule", "p2", "p2 refused to stop".to_owned()),
        ]
    );
    assert_eq!(
        err.to_string(),
        "3 shutdown hook(s) failed: [ChainModule > p7: p7 refused to stop] \
         [ChainModule > p5: p5 refused to stop] [ChainModule > p2: p2 refused to stop]"
    );

    // the hooks ran once: a second call runs nothing and reports nothing
    app.shutdown()
        .await
        .expect("the second shutdown runs no hook");
    assert_eq!(probe.events().len(), 30);
}

#[tokio::test]
async fn failing_shutdown_hooks_during_a_rollback_are_in_the_build_error() {
    let _serial = TRACING.read().await;
    for kind in [Kind::Construct, Kind::Init] {
        let case = format!("{kind:?} failure at p8");
        // p8 fails: p9 never starts, p8's own failing stop must never run
        let (built, probe) = build_chain(Some((kind, 8)), &[0, 3, 6, 8, 9]).await;
        let Err(err) = built else {
            panic!("{case}: the build succeeded")
        };
        assert_eq!(err.provider(), "p8", "{case}");
        assert_eq!(probe.events(), failed_build_events(kind, 8), "{case}");

        let failed: Vec<_> = err
            .shutdown_errors()
            .iter()
            .map(|e| (e.module, e.provider, e.error.to_string()))
            .collect();
        assert_eq!(
            failed,
            [
                ("ChainModule", "p6", "p6 refused to stop".to_owned()),
                ("ChainModule", "p3", "p3 refused to stop".to_owned()),
                ("ChainModule", "p0", "p0 refused to stop".to_owned()),
            ],
            "{case}"
        );
        let (tag, msg) = match kind {
            Kind::Construct => ("", "p8 refused to construct"),
            Kind::Init => (" (init)", "p8 refused to init"),
        };
        assert_eq!(
            err.to_string(),
            format!(
                "ChainApp > ChainModule > p9 > p8{tag}: {msg}; and 3 shutdown hook(s) failed \
                 while rolling back: [ChainModule > p6: p6 refused to stop] \
                 [ChainModule > p3: p3 refused to stop] [ChainModule > p0: p0 refused to stop]"
            ),
            "{case}"
        );
        assert_eq!(probe.dropped(), probe.made(), "{case}: made vs dropped");
    }
}

// ---- 4. the path of a nested failure ------------------------------------------------------------

pub struct Connection;

/// A factory named `Db`, so that the path names it the way the README does.
///
/// # Errors
/// Always: the database is down.
#[provider]
#[allow(non_snake_case)]
pub fn Db() -> Result<Connection, String> {
    Err("connection refused".into())
}

#[injectable]
pub struct UserService {
    _conn: Arc<Connection>,
}

#[module(providers = [UserService, Db], exports = [UserService])]
pub struct UserModule;

#[injectable]
pub struct Api {
    _users: Arc<UserService>,
}

#[module(imports = [UserModule], providers = [Api])]
pub struct AppModule;

#[tokio::test]
async fn a_nested_failure_names_its_path_from_the_root() {
    let _serial = TRACING.read().await;
    let err = App::<AppModule>::build()
        .await
        .expect_err("Db always fails");
    assert_eq!(
        err.to_string(),
        "AppModule > UserModule > UserService > Db: connection refused"
    );
    assert_eq!(err.path(), ["AppModule", "UserModule", "UserService", "Db"]);
    assert_eq!(err.provider(), "Db");
    assert_eq!(err.stage(), Stage::Construct);
    assert!(err.shutdown_errors().is_empty());
}

// ---- 5. tracing spans ---------------------------------------------------------------------------

#[injectable(init = start, shutdown = stop)]
pub struct Hooked;

impl Hooked {
    async fn start(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        Ok(())
    }
    async fn stop(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        Ok(())
    }
}

#[injectable(init = start)]
pub struct OnlyInit {
    _hooked: Arc<Hooked>,
}

impl OnlyInit {
    async fn start(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        Ok(())
    }
}

#[injectable(shutdown = stop)]
pub struct OnlyStop {
    _init: Arc<OnlyInit>,
}

impl OnlyStop {
    async fn stop(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        Ok(())
    }
}

#[injectable]
pub struct NoHooks {
    _stop: Arc<OnlyStop>,
}

#[module(providers = [NoHooks, OnlyStop, OnlyInit, Hooked], exports = [NoHooks])]
pub struct TracedModule;

#[module(imports = [TracedModule])]
pub struct TracedApp;

/// One span as the recording layer saw it when it was created.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpanRec {
    name: &'static str,
    fields: BTreeMap<&'static str, String>,
    parent: Option<&'static str>,
}

fn rec(
    name: &'static str,
    fields: &[(&'static str, &str)],
    parent: Option<&'static str>,
) -> SpanRec {
    SpanRec {
        name,
        fields: fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        parent,
    }
}

#[derive(Default)]
struct Fields(BTreeMap<&'static str, String>);

impl tracing::field::Visit for Fields {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name(), value.to_owned());
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name(), format!("{value:?}"));
    }
}

/// A layer that records every new span with its fields and the name of its parent.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<SpanRec>>>);

impl Recorder {
    /// A recorder, set as this thread's default subscriber until the guard drops.
    /// `#[tokio::test]` runs the test on the current thread, so it sees every span of the test.
    fn install() -> (Recorder, tracing::subscriber::DefaultGuard) {
        use tracing_subscriber::layer::SubscriberExt as _;
        let recorder = Recorder::default();
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        (recorder, tracing::subscriber::set_default(subscriber))
    }

    fn take(&self) -> Vec<SpanRec> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl<S> tracing_subscriber::Layer<S> for Recorder
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        _id: &tracing::span::Id,
        ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        let parent = if let Some(p) = attrs.parent() {
            ctx.span(p).map(|s| s.name())
        } else if attrs.is_contextual() {
            ctx.lookup_current().map(|s| s.name())
        } else {
            None
        };
        self.0.lock().unwrap().push(SpanRec {
            name: attrs.metadata().name(),
            fields: fields.0,
            parent,
        });
    }
}

#[tokio::test]
async fn build_and_shutdown_are_traced() {
    let _serial = TRACING.write().await;
    let (recorder, _guard) = Recorder::install();

    let app = App::<TracedApp>::build().await.expect("nothing fails");
    let spans: Vec<_> = recorder
        .take()
        .into_iter()
        .filter(|s| s.name.starts_with("modkit."))
        .collect();
    let m = ("module", "TracedModule");
    assert_eq!(
        spans,
        [
            rec("modkit.build", &[("root", "TracedApp")], None),
            rec(
                "modkit.init",
                &[m, ("provider", "Hooked")],
                Some("modkit.build")
            ),
            rec(
                "modkit.init",
                &[m, ("provider", "OnlyInit")],
                Some("modkit.build")
            ),
        ]
    );

    app.shutdown().await.expect("no shutdown hook fails");
    app.shutdown().await.expect("a second shutdown is a no-op");
    let spans: Vec<_> = recorder
        .take()
        .into_iter()
        .filter(|s| s.name.starts_with("modkit."))
        .collect();
    assert_eq!(
        spans,
        [
            rec("modkit.shutdown", &[m, ("provider", "OnlyStop")], None),
            rec("modkit.shutdown", &[m, ("provider", "Hooked")], None),
        ]
    );
}

#[tokio::test]
async fn a_rollback_is_traced_inside_the_build() {
    let _serial = TRACING.write().await;
    let (recorder, _guard) = Recorder::install();

    let (built, _probe) = build_chain(Some((Kind::Init, 2)), &[]).await;
    assert!(built.is_err());
    let spans: Vec<_> = recorder
        .take()
        .into_iter()
        .filter(|s| s.name.starts_with("modkit."))
        .map(|s| (s.name, s.fields.get("provider").cloned(), s.parent))
        .collect();
    let b = Some("modkit.build");
    let p = |n: &str| Some(n.to_owned());
    assert_eq!(
        spans,
        [
            ("modkit.build", None, None),
            ("modkit.init", p("p0"), b),
            ("modkit.init", p("p1"), b),
            ("modkit.init", p("p2"), b),
            ("modkit.shutdown", p("p1"), b),
            ("modkit.shutdown", p("p0"), b),
        ]
    );
}
