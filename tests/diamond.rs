//! A module imported along two paths exists once: every path sees the same instances.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use modkit::{App, injectable, module, provider};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[injectable]
pub struct UserRepo {
    pub log: Arc<Logger>,
}

#[injectable]
pub struct UserService {
    pub repo: Arc<UserRepo>,
    pub log: Arc<Logger>,
}

#[module(imports = [LoggerModule], providers = [UserRepo, UserService], exports = [UserService])]
pub struct UserModule;

#[injectable]
pub struct ArticleService {
    pub users: Arc<UserService>,
    pub log: Arc<Logger>,
}

#[module(imports = [LoggerModule, UserModule], providers = [ArticleService], exports = [ArticleService])]
pub struct ArticleModule;

#[injectable]
pub struct AppService {
    pub users: Arc<UserService>,
    pub articles: Arc<ArticleService>,
}

#[module(imports = [UserModule, ArticleModule], providers = [AppService])]
pub struct AppModule;

#[test]
fn both_paths_see_the_same_logger() {
    let app = App::<AppModule>::build_sync().unwrap();
    let svc = app.get::<AppService>();
    assert!(Arc::ptr_eq(&svc.users.log, &svc.articles.log));
    assert!(Arc::ptr_eq(&svc.users.repo.log, &svc.articles.log));
    assert!(Arc::ptr_eq(&svc.users, &svc.articles.users));
}

#[test]
fn each_module_is_built_once_dependencies_first() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert_eq!(
        app.build_order(),
        ["LoggerModule", "UserModule", "ArticleModule", "AppModule"]
    );
}

#[test]
fn get_returns_the_built_singleton_every_time() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert!(Arc::ptr_eq(
        &app.get::<AppService>(),
        &app.get::<AppService>()
    ));
    assert!(Arc::ptr_eq(
        &app.get::<UserService>(),
        &app.get::<AppService>().users
    ));
}

#[test]
fn two_apps_do_not_share_instances() {
    let a = App::<AppModule>::build_sync().unwrap();
    let b = App::<AppModule>::build_sync().unwrap();
    assert!(!Arc::ptr_eq(
        &a.get::<UserService>(),
        &b.get::<UserService>()
    ));
}

// ---------------------------------------------------------------------------------------------
// Every module lives as long as the app, even one the root reaches only through an import and
// whose provider no other provider holds.

mod lifetime {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use modkit::{injectable, module};

    pub static DROPPED: AtomicUsize = AtomicUsize::new(0);

    #[injectable]
    pub struct Heartbeat;
    impl Drop for Heartbeat {
        fn drop(&mut self) {
            DROPPED.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[module(providers = [Heartbeat])]
    pub struct WorkerModule;

    #[module(imports = [WorkerModule])]
    pub struct MidModule;

    #[module(imports = [MidModule])]
    pub struct LifetimeRoot;
}

#[test]
fn a_private_provider_nobody_holds_lives_until_the_app_is_dropped() {
    use lifetime::{DROPPED, LifetimeRoot};
    use std::sync::atomic::Ordering;
    let app = modkit::App::<LifetimeRoot>::build_sync().unwrap();
    assert_eq!(
        DROPPED.load(Ordering::SeqCst),
        0,
        "dropped while the app is alive"
    );
    drop(app);
    assert_eq!(
        DROPPED.load(Ordering::SeqCst),
        1,
        "not dropped with the app"
    );
}

// A module that exports something holds no copy of the imported singletons it does not hand
// out: they are fetched from the import that owns them. Used as an app's root, or by a transient
// naming the type through an alias, it must still hand out the one instance.

/// Another name for `Logger`: the macros match dependencies by name, the type system does not.
pub type Log = Logger;

#[injectable(scope = transient)]
pub struct Audit {
    pub log: Arc<Log>,
}

#[module(imports = [LoggerModule, UserModule], providers = [Audit], exports = [Audit])]
pub struct AuditModule;

#[test]
fn a_module_that_exports_can_be_the_root_and_hands_out_imported_singletons() {
    let app = App::<ArticleModule>::build_sync().unwrap();
    let articles = app.get::<ArticleService>();
    assert!(Arc::ptr_eq(&app.get::<Logger>(), &articles.log));
    assert!(Arc::ptr_eq(&app.get::<UserService>(), &articles.users));
    assert_eq!(
        app.build_order(),
        ["LoggerModule", "UserModule", "ArticleModule"]
    );
}

#[test]
fn a_transient_reaches_an_imported_singleton_named_through_an_alias() {
    let app = App::<AuditModule>::build_sync().unwrap();
    let (a, b) = (app.get::<Audit>(), app.get::<Audit>());
    assert!(!Arc::ptr_eq(&a, &b));
    assert!(Arc::ptr_eq(&a.log, &b.log));
    assert!(Arc::ptr_eq(&a.log, &app.get::<UserService>().log));
}

// A module whose build fails, imported along two paths, with another import after it: the build
// stops at the first failure. The failed module is not built again along the second path, and
// nothing imported after it is built. Once with a synchronous graph, once with an async one.

#[derive(Debug)]
pub struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection refused")
    }
}

impl std::error::Error for Refused {}

pub struct Conn;
pub struct Later;

static SYNC_CONNECTS: AtomicU32 = AtomicU32::new(0);
static SYNC_LATER: AtomicU32 = AtomicU32::new(0);

/// # Errors
/// Always: the database refuses every connection.
#[provider]
pub fn connect_sync() -> Result<Conn, Refused> {
    SYNC_CONNECTS.fetch_add(1, Ordering::SeqCst);
    Err(Refused)
}

#[provider]
pub fn later_sync() -> Later {
    SYNC_LATER.fetch_add(1, Ordering::SeqCst);
    Later
}

#[module(providers = [connect_sync], exports = [connect_sync])]
pub struct SyncDb;

#[injectable]
pub struct SyncReport {
    pub conn: Arc<Conn>,
}

#[module(imports = [SyncDb], providers = [SyncReport], exports = [SyncReport])]
pub struct SyncReports;

#[module(providers = [later_sync], exports = [later_sync])]
pub struct SyncLater;

#[injectable]
pub struct SyncTop {
    pub conn: Arc<Conn>,
    pub report: Arc<SyncReport>,
    pub later: Arc<Later>,
}

#[module(imports = [SyncDb, SyncReports, SyncLater], providers = [SyncTop])]
pub struct SyncFailing;

#[test]
fn a_failed_module_on_two_paths_is_tried_once_and_stops_the_build() {
    let err = App::<SyncFailing>::build_sync().map(|_| ()).unwrap_err();
    assert_eq!(err.path(), ["SyncFailing", "SyncDb", "connect_sync"]);
    assert_eq!(SYNC_CONNECTS.load(Ordering::SeqCst), 1, "tried once");
    assert_eq!(SYNC_LATER.load(Ordering::SeqCst), 0, "nothing after it");
}

static ASYNC_CONNECTS: AtomicU32 = AtomicU32::new(0);
static ASYNC_LATER: AtomicU32 = AtomicU32::new(0);

/// # Errors
/// Always: the database refuses every connection.
#[provider]
pub async fn connect_async() -> Result<Conn, Refused> {
    ASYNC_CONNECTS.fetch_add(1, Ordering::SeqCst);
    tokio::task::yield_now().await;
    Err(Refused)
}

#[provider]
pub fn later_async() -> Later {
    ASYNC_LATER.fetch_add(1, Ordering::SeqCst);
    Later
}

#[module(providers = [connect_async], exports = [connect_async])]
pub struct AsyncDb;

#[injectable]
pub struct AsyncReport {
    pub conn: Arc<Conn>,
}

#[module(imports = [AsyncDb], providers = [AsyncReport], exports = [AsyncReport])]
pub struct AsyncReports;

#[module(providers = [later_async], exports = [later_async])]
pub struct AsyncLater;

#[injectable]
pub struct AsyncTop {
    pub conn: Arc<Conn>,
    pub report: Arc<AsyncReport>,
    pub later: Arc<Later>,
}

#[module(imports = [AsyncDb, AsyncReports, AsyncLater], providers = [AsyncTop])]
pub struct AsyncFailing;

#[tokio::test]
async fn a_failed_async_module_on_two_paths_is_tried_once_and_stops_the_build() {
    let err = App::<AsyncFailing>::build().await.map(|_| ()).unwrap_err();
    assert_eq!(err.path(), ["AsyncFailing", "AsyncDb", "connect_async"]);
    assert_eq!(ASYNC_CONNECTS.load(Ordering::SeqCst), 1, "tried once");
    assert_eq!(ASYNC_LATER.load(Ordering::SeqCst), 0, "nothing after it");
}
