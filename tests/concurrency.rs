//! An app shared across threads and tasks: `App` and `Scope` are `Send + Sync`, singletons are
//! the same from every thread, each request scope gets its own request-scoped instances, and the
//! build future can be spawned.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use modkit::{App, Scope, injectable, module, provider};

fn assert_send_sync<T: Send + Sync>() {}

fn assert_send<T: Send>(_: &T) {}

/// The address of an `Arc`'s allocation.
fn addr<T: ?Sized>(a: &Arc<T>) -> usize {
    Arc::as_ptr(a).cast::<()>() as usize
}

// ---- the graph ----------------------------------------------------------------------------------

#[injectable]
pub struct Stats {
    #[inject(default)]
    pub jobs_made: AtomicUsize,
    #[inject(default)]
    pub ctx_made: AtomicUsize,
    #[inject(default)]
    pub sessions_made: AtomicUsize,
}

#[injectable]
pub struct Db;

#[module(providers = [Stats, Db], exports = [Stats, Db])]
pub struct CoreModule;

pub struct Job {
    pub db: Arc<Db>,
}

#[provider(scope = transient)]
pub fn make_job(db: Arc<Db>, stats: Arc<Stats>) -> Job {
    stats.jobs_made.fetch_add(1, Ordering::SeqCst);
    Job { db }
}

pub struct Ctx {
    pub db: Arc<Db>,
}

#[provider(scope = request)]
pub fn make_ctx(db: Arc<Db>, stats: Arc<Stats>) -> Ctx {
    stats.ctx_made.fetch_add(1, Ordering::SeqCst);
    Ctx { db }
}

pub struct Session {
    pub ctx: Arc<Ctx>,
    pub job: Arc<Job>,
}

#[provider(scope = request)]
pub fn make_session(ctx: Arc<Ctx>, job: Arc<Job>, stats: Arc<Stats>) -> Session {
    stats.sessions_made.fetch_add(1, Ordering::SeqCst);
    Session { ctx, job }
}

#[injectable]
pub struct Service {
    pub db: Arc<Db>,
}

#[module(
    imports = [CoreModule],
    providers = [make_job, make_ctx, make_session, Service],
    exports = [make_job, make_ctx, make_session, Service],
)]
pub struct WebModule;

#[module(imports = [CoreModule, WebModule])]
pub struct AppModule;

pub struct Clock {
    pub ticks: u64,
}

#[provider]
pub async fn make_clock() -> Clock {
    tokio::task::yield_now().await;
    Clock { ticks: 7 }
}

#[injectable(init = start)]
pub struct Ticker {
    pub clock: Arc<Clock>,
}

impl Ticker {
    async fn start(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        Ok(())
    }
}

#[module(imports = [CoreModule], providers = [make_clock, Ticker], exports = [Ticker, Db])]
pub struct AsyncModule;

// ---- static guarantees --------------------------------------------------------------------------

#[test]
fn app_and_scope_are_send_and_sync() {
    assert_send_sync::<App<AppModule>>();
    assert_send_sync::<Scope<AppModule>>();
    assert_send_sync::<App<AsyncModule>>();
    assert_send_sync::<Scope<AsyncModule>>();
    assert_send_sync::<Arc<App<AppModule>>>();
}

#[test]
fn build_futures_are_send() {
    let fut = App::<AsyncModule>::build();
    assert_send(&fut);
    drop(fut);
    let fut = App::<AppModule>::builder().build();
    assert_send(&fut);
    drop(fut);
}

// ---- std threads --------------------------------------------------------------------------------

const THREADS: usize = 8;
const ITERATIONS: usize = 2_000;

#[test]
fn threads_see_the_same_singletons() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let db = addr(&app.get::<Db>());
    let service = addr(&app.get::<Service>());
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let app = Arc::clone(&app);
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let mut seen = HashSet::new();
                for _ in 0..ITERATIONS {
                    seen.insert((addr(&app.get::<Db>()), addr(&app.get::<Service>())));
                    assert_eq!(addr(&app.get::<Service>().db), addr(&app.get::<Db>()));
                }
                seen
            })
        })
        .collect();
    for handle in handles {
        let seen = handle.join().expect("a resolving thread panicked");
        assert_eq!(seen, HashSet::from([(db, service)]));
    }
}

#[test]
fn threads_get_one_new_transient_per_resolve() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let stats = app.get::<Stats>();
    let before = stats.jobs_made.load(Ordering::SeqCst);
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let app = Arc::clone(&app);
            std::thread::spawn(move || {
                for _ in 0..ITERATIONS {
                    let (a, b) = (app.get::<Job>(), app.get::<Job>());
                    assert!(!Arc::ptr_eq(&a, &b));
                    assert!(Arc::ptr_eq(&a.db, &b.db));
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a resolving thread panicked");
    }
    assert_eq!(
        stats.jobs_made.load(Ordering::SeqCst) - before,
        THREADS * ITERATIONS * 2
    );
}

#[test]
fn threads_sharing_one_scope_see_one_request_instance() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let scope = app.scope();
    let barrier = Barrier::new(THREADS);
    let seen: Vec<(usize, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    let session = scope.get::<Session>();
                    (addr(&session), addr(&session.ctx))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a resolving thread panicked"))
            .collect()
    });
    let expected = (addr(&scope.get::<Session>()), addr(&scope.get::<Ctx>()));
    assert!(seen.iter().all(|&pair| pair == expected), "{seen:?}");
}

// ---- tokio tasks --------------------------------------------------------------------------------

const TASKS: usize = 128;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn tasks_each_get_their_own_request_instances() {
    let app = Arc::new(App::<AppModule>::build().await.unwrap());
    let stats = app.get::<Stats>();
    let handles: Vec<_> = (0..TASKS)
        .map(|_| {
            let app = Arc::clone(&app);
            tokio::spawn(async move {
                let scope = app.scope();
                let session = scope.get::<Session>();
                tokio::task::yield_now().await;
                let ctx = scope.get::<Ctx>();
                tokio::task::yield_now().await;
                assert!(Arc::ptr_eq(&session.ctx, &ctx));
                assert!(Arc::ptr_eq(&session, &scope.get::<Session>()));
                assert!(Arc::ptr_eq(&ctx, &scope.get::<Ctx>()));
                assert!(Arc::ptr_eq(&ctx.db, &scope.app().get::<Db>()));
                (session, ctx)
            })
        })
        .collect();
    let mut results = Vec::with_capacity(TASKS);
    for handle in handles {
        results.push(handle.await.expect("a task panicked"));
    }
    // Every instance is still alive here, so distinct instances have distinct addresses.
    let sessions: HashSet<usize> = results.iter().map(|(s, _)| addr(s)).collect();
    let ctxs: HashSet<usize> = results.iter().map(|(_, c)| addr(c)).collect();
    let jobs: HashSet<usize> = results.iter().map(|(s, _)| addr(&s.job)).collect();
    assert_eq!(sessions.len(), TASKS);
    assert_eq!(ctxs.len(), TASKS);
    assert_eq!(jobs.len(), TASKS);
    assert_eq!(stats.sessions_made.load(Ordering::SeqCst), TASKS);
    assert_eq!(stats.ctx_made.load(Ordering::SeqCst), TASKS);
    let db = app.get::<Db>();
    assert!(results.iter().all(|(s, c)| Arc::ptr_eq(&s.ctx.db, &db)
        && Arc::ptr_eq(&c.db, &db)
        && Arc::ptr_eq(&s.job.db, &db)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn app_builds_inside_a_spawned_task() {
    let app = tokio::spawn(App::<AsyncModule>::build())
        .await
        .expect("the build task panicked")
        .expect("nothing here can fail");
    assert_eq!(app.get::<Ticker>().clock.ticks, 7);
    assert_eq!(
        app.start_order(),
        [
            ("CoreModule", "Stats"),
            ("CoreModule", "Db"),
            ("AsyncModule", "make_clock"),
            ("AsyncModule", "Ticker"),
        ]
    );
    let app = Arc::new(app);
    let other = Arc::clone(&app);
    let ticker = tokio::spawn(async move { addr(&other.get::<Ticker>()) })
        .await
        .expect("the resolving task panicked");
    assert_eq!(ticker, addr(&app.get::<Ticker>()));
    app.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn builder_build_runs_inside_a_spawned_task() {
    let handle = tokio::spawn(async { App::<AppModule>::builder().build().await });
    let app = Arc::new(handle.await.expect("the build task panicked").unwrap());
    let scope = app.scope();
    assert!(Arc::ptr_eq(
        &scope.get::<Session>().ctx,
        &scope.get::<Ctx>()
    ));
}

// --- one scope shared by racing threads -----------------------------------------------------

#[injectable]
pub struct RaceStats {
    #[inject(default)]
    made: AtomicUsize,
}

pub struct Slow;

#[provider(scope = request)]
pub fn make_slow(stats: Arc<RaceStats>) -> Slow {
    stats.made.fetch_add(1, Ordering::SeqCst);
    // Widens the window in which a second thread could start a second construction; the
    // assertion below does not depend on timing: exactly one construction, whatever the order.
    std::thread::sleep(std::time::Duration::from_millis(20));
    Slow
}

#[module(providers = [RaceStats, make_slow])]
pub struct RaceModule;

#[test]
fn racing_threads_of_one_scope_construct_a_request_provider_once() {
    let app = Arc::new(App::<RaceModule>::build_sync().unwrap());
    for _ in 0..5 {
        let before = app.get::<RaceStats>().made.load(Ordering::SeqCst);
        let scope = app.scope();
        let barrier = Barrier::new(4);
        let ptrs: Vec<usize> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        Arc::as_ptr(&scope.get::<Slow>()) as usize
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(ptrs.windows(2).all(|w| w[0] == w[1]));
        assert_eq!(
            app.get::<RaceStats>().made.load(Ordering::SeqCst),
            before + 1
        );
    }
}

#[test]
fn threads_cloning_a_scope_while_others_resolve_in_it_see_one_instance() {
    let app = Arc::new(App::<RaceModule>::build_sync().unwrap());
    for round in 0..5 {
        let before = app.get::<RaceStats>().made.load(Ordering::SeqCst);
        let scope = app.scope();
        let barrier = Barrier::new(4);
        let ptrs: Vec<usize> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|t| {
                    let (scope, barrier) = (&scope, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        // Half the threads clone first (the first clone moves the cells while
                        // the others may be constructing in them), the others resolve first.
                        if (t + round) % 2 == 0 {
                            Arc::as_ptr(&scope.clone().get::<Slow>()) as usize
                        } else {
                            let slow = scope.get::<Slow>();
                            let again = scope.clone().get::<Slow>();
                            assert!(Arc::ptr_eq(&slow, &again));
                            Arc::as_ptr(&slow) as usize
                        }
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(ptrs.windows(2).all(|w| w[0] == w[1]), "{ptrs:?}");
        assert_eq!(ptrs[0], Arc::as_ptr(&scope.get::<Slow>()) as usize);
        assert_eq!(
            app.get::<RaceStats>().made.load(Ordering::SeqCst),
            before + 1
        );
    }
}
