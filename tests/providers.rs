//! Kinds of providers: factories (`#[provider]`), caller-supplied values, trait-object bindings
//! and aliases, and the equivalence of the sync and async builds.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use modkit::{App, injectable, module, provider};

/// The address of an `Arc`'s allocation, with any trait-object metadata dropped.
fn addr<T: ?Sized>(a: &Arc<T>) -> *const () {
    Arc::as_ptr(a).cast::<()>()
}

// ---- factories ----------------------------------------------------------------------------------

pub struct DbConfig {
    pub url: String,
    /// How many times `make_pool` ran with this config.
    pub pools_made: AtomicUsize,
}

pub struct Pool {
    pub url: String,
}

#[provider]
pub fn make_pool(config: Arc<DbConfig>) -> Pool {
    config.pools_made.fetch_add(1, Ordering::SeqCst);
    Pool {
        url: config.url.clone(),
    }
}

pub struct Clock {
    pub now: u64,
}

#[provider]
pub async fn make_clock() -> Clock {
    tokio::task::yield_now().await;
    Clock { now: 42 }
}

pub struct Cache {
    pub capacity: usize,
}

/// # Errors
/// Never: it always succeeds, and exercises the `Ok` path of a fallible factory.
#[provider]
pub fn make_cache(config: Arc<DbConfig>) -> Result<Cache, String> {
    Ok(Cache {
        capacity: config.url.len(),
    })
}

pub struct Gateway {
    pub pool: Arc<Pool>,
    pub clock: Arc<Clock>,
    pub cache: Arc<Cache>,
    pub config: Arc<DbConfig>,
}

/// # Errors
/// Never: it always succeeds, and exercises the `Ok` path of a fallible async factory.
#[provider]
pub async fn make_gateway(
    pool: Arc<Pool>,
    clock: Arc<Clock>,
    cache: Arc<Cache>,
    config: Arc<DbConfig>,
) -> Result<Gateway, std::io::Error> {
    tokio::task::yield_now().await;
    Ok(Gateway {
        pool,
        clock,
        cache,
        config,
    })
}

#[module(
    values = [DbConfig],
    providers = [make_pool, make_clock, make_cache, make_gateway],
    exports = [make_pool, make_gateway],
)]
pub struct FactoryModule;

/// Lives in another module and injects what `FactoryModule` exports under the factories' names.
#[injectable]
pub struct PoolUser {
    pub pool: Arc<Pool>,
    pub gateway: Arc<Gateway>,
}

#[module(imports = [FactoryModule], providers = [PoolUser])]
pub struct FactoryApp;

async fn factory_app(url: &str) -> App<FactoryApp> {
    App::<FactoryApp>::builder()
        .value(DbConfig {
            url: url.into(),
            pools_made: AtomicUsize::new(0),
        })
        .build()
        .await
        .expect("every factory of FactoryModule succeeds")
}

#[tokio::test]
async fn sync_factory_builds_from_its_dependency() {
    let app = factory_app("postgres://pool").await;
    assert_eq!(app.get::<Pool>().url, "postgres://pool");
}

#[tokio::test]
async fn factory_singleton_is_made_once_per_app() {
    let app = factory_app("postgres://once").await;
    let config = Arc::clone(&app.get::<Gateway>().config);
    assert_eq!(config.pools_made.load(Ordering::SeqCst), 1);
    let (a, b) = (app.get::<Pool>(), app.get::<Pool>());
    assert!(Arc::ptr_eq(&a, &b));
    assert!(Arc::ptr_eq(&a, &app.get::<Gateway>().pool));
    assert!(Arc::ptr_eq(&a, &app.get::<PoolUser>().pool));
    assert_eq!(config.pools_made.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn async_factory_is_awaited_during_build() {
    let app = factory_app("postgres://clock").await;
    assert_eq!(app.get::<Gateway>().clock.now, 42);
}

#[tokio::test]
async fn fallible_factory_ok_value_is_the_provider() {
    let app = factory_app("12345").await;
    assert_eq!(app.get::<Gateway>().cache.capacity, 5);
}

#[tokio::test]
async fn factory_with_several_deps_gets_the_module_singletons() {
    let app = factory_app("postgres://gw").await;
    let gateway = app.get::<Gateway>();
    let user = app.get::<PoolUser>();
    assert!(Arc::ptr_eq(&gateway, &user.gateway));
    assert!(Arc::ptr_eq(&gateway.pool, &user.pool));
    assert_eq!(gateway.pool.url, "postgres://gw");
    assert_eq!(gateway.config.url, "postgres://gw");
    assert_eq!(gateway.clock.now, 42);
    assert_eq!(gateway.cache.capacity, "postgres://gw".len());
}

#[tokio::test]
async fn exported_factory_is_injected_into_an_importer() {
    let app = factory_app("postgres://exported").await;
    let user = app.get::<PoolUser>();
    assert_eq!(user.pool.url, "postgres://exported");
    assert!(Arc::ptr_eq(&user.pool, &app.get::<Pool>()));
    assert!(Arc::ptr_eq(&user.gateway, &app.get::<Gateway>()));
}

#[tokio::test]
async fn factories_are_listed_by_function_name_in_start_order() {
    let app = factory_app("postgres://names").await;
    let order = app.start_order();
    for name in ["make_pool", "make_clock", "make_cache", "make_gateway"] {
        assert!(
            order.contains(&("FactoryModule", name)),
            "{name} missing from {order:?}"
        );
    }
    let pos = |name: &str| order.iter().position(|&(_, p)| p == name).unwrap();
    assert!(pos("make_pool") < pos("make_gateway"));
    assert!(pos("make_clock") < pos("make_gateway"));
    assert!(pos("make_cache") < pos("make_gateway"));
    assert!(pos("make_gateway") < pos("PoolUser"));
}

// ---- values -------------------------------------------------------------------------------------

pub struct Settings {
    pub name: String,
}

#[injectable]
pub struct Left {
    pub settings: Arc<Settings>,
}

#[module(values = [Settings], providers = [Left], exports = [Left])]
pub struct LeftModule;

#[injectable]
pub struct Right {
    pub settings: Arc<Settings>,
}

#[module(values = [Settings], providers = [Right], exports = [Right])]
pub struct RightModule;

/// Declares the value too, and exports it to its importer.
#[injectable]
pub struct Top {
    pub left: Arc<Left>,
    pub right: Arc<Right>,
    pub settings: Arc<Settings>,
}

#[module(
    imports = [LeftModule, RightModule],
    values = [Settings],
    providers = [Top],
    exports = [Top, Settings],
)]
pub struct TopModule;

#[injectable]
pub struct SettingsReader {
    pub settings: Arc<Settings>,
}

#[module(imports = [TopModule], providers = [SettingsReader])]
pub struct ValueApp;

fn value_app(name: &str) -> App<ValueApp> {
    App::<ValueApp>::builder()
        .value(Settings { name: name.into() })
        .build_sync()
        .expect("nothing here can fail")
}

#[test]
fn a_value_is_the_one_the_caller_supplied() {
    let app = value_app("svc-a");
    assert_eq!(app.get::<Top>().settings.name, "svc-a");
    assert_eq!(app.get::<Top>().left.settings.name, "svc-a");
}

#[test]
fn every_module_declaring_a_value_shares_one_instance() {
    let app = value_app("shared");
    let top = app.get::<Top>();
    assert!(Arc::ptr_eq(&top.left.settings, &top.right.settings));
    assert!(Arc::ptr_eq(&top.left.settings, &top.settings));
}

#[test]
fn an_exported_value_is_injected_into_an_importer() {
    let app = value_app("exported");
    let reader = app.get::<SettingsReader>();
    assert_eq!(reader.settings.name, "exported");
    assert!(Arc::ptr_eq(&reader.settings, &app.get::<Top>().settings));
    assert!(Arc::ptr_eq(&reader.settings, &app.get::<Settings>()));
}

#[test]
fn two_apps_get_their_own_values() {
    let a = value_app("a");
    let b = value_app("b");
    assert_eq!(a.get::<Settings>().name, "a");
    assert_eq!(b.get::<Settings>().name, "b");
    assert!(!Arc::ptr_eq(&a.get::<Settings>(), &b.get::<Settings>()));
}

// ---- trait-object bindings ----------------------------------------------------------------------

pub trait Mailer: Send + Sync {
    fn send(&self, to: &str) -> String;
}

#[injectable]
pub struct SmtpMailer {
    #[inject(default)]
    sent: AtomicUsize,
}

impl Mailer for SmtpMailer {
    fn send(&self, to: &str) -> String {
        let n = self.sent.fetch_add(1, Ordering::SeqCst) + 1;
        format!("smtp #{n} to {to}")
    }
}

#[module(providers = [SmtpMailer as dyn Mailer], exports = [dyn Mailer])]
pub struct MailModule;

#[injectable]
pub struct Signup {
    pub mailer: Arc<dyn Mailer>,
}

#[injectable]
pub struct Newsletter {
    pub mailer: Arc<dyn Mailer>,
}

#[module(imports = [MailModule], providers = [Signup, Newsletter])]
pub struct MailApp;

#[test]
fn binding_injects_the_implementation_into_another_module() {
    let app = App::<MailApp>::build_sync().unwrap();
    let signup = app.get::<Signup>();
    assert_eq!(signup.mailer.send("ada"), "smtp #1 to ada");
}

#[test]
fn binding_is_one_singleton_for_every_dependant() {
    let app = App::<MailApp>::build_sync().unwrap();
    let signup = app.get::<Signup>();
    let news = app.get::<Newsletter>();
    assert!(Arc::ptr_eq(&signup.mailer, &news.mailer));
    assert_eq!(addr(&signup.mailer), addr(&app.get::<dyn Mailer>()));
    // The counter lives in the one SmtpMailer: sends through both paths add up.
    assert_eq!(signup.mailer.send("a"), "smtp #1 to a");
    assert_eq!(news.mailer.send("b"), "smtp #2 to b");
    assert_eq!(app.get::<dyn Mailer>().send("c"), "smtp #3 to c");
}

#[test]
fn binding_lists_the_implementation_in_start_order() {
    let app = App::<MailApp>::build_sync().unwrap();
    assert_eq!(
        app.start_order(),
        [
            ("MailModule", "SmtpMailer"),
            ("MailApp", "Signup"),
            ("MailApp", "Newsletter"),
        ]
    );
}

// ---- aliases ------------------------------------------------------------------------------------

pub trait Notifier: Send + Sync {
    fn notify(&self) -> usize;
}

#[injectable]
pub struct Repo {
    #[inject(default)]
    notified: AtomicUsize,
}

impl Notifier for Repo {
    fn notify(&self) -> usize {
        self.notified.fetch_add(1, Ordering::SeqCst) + 1
    }
}

#[injectable]
pub struct Watcher {
    pub notifier: Arc<dyn Notifier>,
    pub repo: Arc<Repo>,
}

#[module(providers = [Repo, dyn Notifier = Repo, Watcher], exports = [Repo, dyn Notifier, Watcher])]
pub struct RepoModule;

#[injectable]
pub struct Outside {
    pub notifier: Arc<dyn Notifier>,
    pub repo: Arc<Repo>,
}

#[module(imports = [RepoModule], providers = [Outside])]
pub struct AliasApp;

#[test]
fn alias_and_provider_are_the_same_allocation() {
    let app = App::<AliasApp>::build_sync().unwrap();
    let as_trait = app.get::<dyn Notifier>();
    let as_repo = app.get::<Repo>();
    assert_eq!(addr(&as_trait), addr(&as_repo));
}

#[test]
fn alias_injected_inside_and_outside_the_module_is_the_same_instance() {
    let app = App::<AliasApp>::build_sync().unwrap();
    let watcher = app.get::<Watcher>();
    let outside = app.get::<Outside>();
    assert_eq!(addr(&watcher.notifier), addr(&watcher.repo));
    assert_eq!(addr(&outside.notifier), addr(&outside.repo));
    assert_eq!(addr(&watcher.notifier), addr(&outside.notifier));
    assert!(Arc::ptr_eq(&watcher.repo, &outside.repo));
}

#[test]
fn alias_calls_reach_the_one_repo() {
    let app = App::<AliasApp>::build_sync().unwrap();
    assert_eq!(app.get::<dyn Notifier>().notify(), 1);
    assert_eq!(app.get::<Outside>().notifier.notify(), 2);
    assert_eq!(app.get::<Repo>().notified.load(Ordering::SeqCst), 2);
}

#[test]
fn alias_does_not_build_a_second_repo() {
    let app = App::<AliasApp>::build_sync().unwrap();
    let repos = app
        .start_order()
        .iter()
        .filter(|&&(m, p)| m == "RepoModule" && p == "Repo")
        .count();
    assert_eq!(repos, 1, "{:?}", app.start_order());
}

// ---- build_sync and build().await ---------------------------------------------------------------

#[injectable]
pub struct Base;

#[injectable]
pub struct Middle {
    pub base: Arc<Base>,
}

#[module(providers = [Base, Middle], exports = [Middle])]
pub struct InnerModule;

#[injectable]
pub struct Outer {
    pub middle: Arc<Middle>,
    pub mailer: Arc<dyn Mailer>,
    pub settings: Arc<Settings>,
}

#[module(imports = [InnerModule, MailModule], values = [Settings], providers = [Outer])]
pub struct EquivApp;

#[tokio::test]
async fn build_sync_and_build_await_give_equivalent_apps() {
    let sync = App::<EquivApp>::builder()
        .value(Settings { name: "s".into() })
        .build_sync()
        .unwrap();
    let asynchronous = App::<EquivApp>::builder()
        .value(Settings { name: "s".into() })
        .build()
        .await
        .unwrap();
    assert_eq!(sync.build_order(), asynchronous.build_order());
    assert_eq!(sync.start_order(), asynchronous.start_order());
    assert_eq!(
        sync.build_order(),
        ["InnerModule", "MailModule", "EquivApp"]
    );
    for app in [&sync, &asynchronous] {
        let outer = app.get::<Outer>();
        assert!(Arc::ptr_eq(&outer.middle, &app.get::<Middle>()));
        assert_eq!(addr(&outer.mailer), addr(&app.get::<dyn Mailer>()));
        assert_eq!(outer.settings.name, "s");
        assert_eq!(outer.mailer.send("x"), "smtp #1 to x");
    }
    assert!(!Arc::ptr_eq(
        &sync.get::<Outer>(),
        &asynchronous.get::<Outer>()
    ));
}

#[test]
fn build_sync_works_without_a_runtime() {
    let app = App::<EquivApp>::builder()
        .value(Settings {
            name: "plain".into(),
        })
        .build_sync()
        .unwrap();
    assert_eq!(app.get::<Outer>().settings.name, "plain");
    assert!(Arc::ptr_eq(
        &app.get::<Outer>().middle.base,
        &app.get::<Middle>().base
    ));
}
