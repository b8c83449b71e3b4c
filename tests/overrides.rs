//! Test replacements (`AppBuilder::replace_for_test`, the `testing` feature): the real app with
//! some providers replaced. The replaced provider is never constructed and its hooks never run;
//! every dependant, in every module, gets the replacement; the rest is the production graph.

use std::sync::{Arc, Mutex};

use modkit::{App, injectable, module, provider};

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

    fn count(&self, event: &str) -> usize {
        self.events().iter().filter(|e| *e == event).count()
    }
}

// ---- the graph: AppModule > ServiceModule > DbModule, ClockModule imported along four paths ----

#[injectable]
pub struct Clock {
    log: Arc<Log>,
}

impl Clock {
    fn log(&self) -> &Log {
        &self.log
    }
}

impl Drop for Clock {
    fn drop(&mut self) {
        self.log.push("drop real Clock");
    }
}

#[module(values = [Log], providers = [Clock], exports = [Clock, Log])]
pub struct ClockModule;

/// The database pool: private to `DbModule`, built by a factory with both hooks.
pub struct Pool {
    log: Arc<Log>,
    name: &'static str,
}

impl Pool {
    async fn open(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.log.push(format!("init {}", self.name));
        Ok(())
    }

    async fn close(&self) -> Result<(), String> {
        tokio::task::yield_now().await;
        self.log.push(format!("shutdown {}", self.name));
        Ok(())
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.log.push(format!("drop {}", self.name));
    }
}

#[provider(init = Pool::open, shutdown = Pool::close)]
#[must_use]
pub fn connect(log: Arc<Log>) -> Pool {
    log.push("connect");
    Pool {
        log,
        name: "real pool",
    }
}

#[injectable]
pub struct UserRepo {
    pool: Arc<Pool>,
    clock: Arc<Clock>,
}

/// Spelled `crate::Pool`: `DbModule` takes the general build path (a builder), the other
/// modules the straight-line one; a replacement works on both.
#[injectable]
pub struct OrderRepo {
    pool: Arc<crate::Pool>,
}

#[module(
    imports = [ClockModule],
    providers = [connect, UserRepo, OrderRepo],
    exports = [UserRepo, OrderRepo],
)]
pub struct DbModule;

#[injectable]
pub struct Billing {
    orders: Arc<OrderRepo>,
    clock: Arc<Clock>,
}

#[module(imports = [DbModule, ClockModule], providers = [Billing], exports = [Billing, UserRepo])]
pub struct ServiceModule;

#[injectable]
pub struct Api {
    billing: Arc<Billing>,
    users: Arc<UserRepo>,
    clock: Arc<Clock>,
}

#[module(imports = [ServiceModule, ClockModule], providers = [Api])]
pub struct AppModule;

fn fake_pool(log: &Log) -> Arc<Pool> {
    Arc::new(Pool {
        log: Arc::new(log.clone()),
        name: "fake pool",
    })
}

#[tokio::test]
async fn the_production_build_connects_the_pool_and_runs_its_hooks() {
    let log = Log::default();
    let app = App::<AppModule>::builder()
        .value(log.clone())
        .build()
        .await
        .unwrap();
    assert_eq!(app.get::<Api>().users.pool.name, "real pool");
    app.shutdown().await.unwrap();
    drop(app);
    for event in [
        "connect",
        "init real pool",
        "shutdown real pool",
        "drop real pool",
    ] {
        assert_eq!(log.count(event), 1, "{event}: {:?}", log.events());
    }
}

#[tokio::test]
async fn a_private_provider_three_modules_deep_is_replaced_for_every_dependant() {
    let log = Log::default();
    let fake = fake_pool(&log);
    let app = App::<AppModule>::builder()
        .value(log.clone())
        .replace_for_test::<DbModule, Pool>(Arc::clone(&fake))
        .build()
        .await
        .unwrap();
    let api = app.get::<Api>();
    // Both dependants in `DbModule` (one on each build path), reached from two other modules.
    assert!(Arc::ptr_eq(&api.users.pool, &fake));
    assert!(Arc::ptr_eq(&api.billing.orders.pool, &fake));
    app.shutdown().await.unwrap();
    drop((api, app));
    // The real pool was never constructed, started, shut down or dropped; the fake was not
    // started either, and the app let go of it. The rest of the graph was built as in
    // production (the clock, dropped with the app).
    assert_eq!(log.events(), ["drop real Clock"]);
    assert_eq!(Arc::strong_count(&fake), 1);
    drop(fake);
    assert_eq!(log.events(), ["drop real Clock", "drop fake pool"]);
}

#[tokio::test]
async fn an_exported_provider_is_replaced_in_every_module_that_imports_it() {
    let log = Log::default();
    let fake = Arc::new(Clock {
        log: Arc::new(Log::default()),
    });
    let app = App::<AppModule>::builder()
        .value(log.clone())
        .replace_for_test::<ClockModule, Clock>(Arc::clone(&fake))
        .build()
        .await
        .unwrap();
    let api = app.get::<Api>();
    for clock in [
        &api.clock,
        &api.users.clock,
        &api.billing.clock,
        &app.get::<Clock>(),
    ] {
        assert!(Arc::ptr_eq(clock, &fake));
    }
    assert!(api.clock.log().events().is_empty());
    drop((api, app));
    assert_eq!(log.count("drop real Clock"), 0, "{:?}", log.events());
    assert_eq!(Arc::strong_count(&fake), 1);
}

// ---- a trait-object binding, a synchronous graph ----------------------------------------------

pub trait Mailer: Send + Sync {
    fn send(&self, to: &str) -> String;
}

#[injectable]
pub struct SmtpMailer;

impl Mailer for SmtpMailer {
    fn send(&self, to: &str) -> String {
        format!("smtp to {to}")
    }
}

#[derive(Default)]
pub struct FakeMailer {
    sent: Mutex<Vec<String>>,
}

impl Mailer for FakeMailer {
    fn send(&self, to: &str) -> String {
        self.sent.lock().unwrap().push(to.to_owned());
        format!("fake to {to}")
    }
}

#[injectable]
pub struct Signup {
    mailer: Arc<dyn Mailer>,
}

#[module(providers = [SmtpMailer as dyn Mailer, Signup], exports = [Signup, dyn Mailer])]
pub struct MailModule;

#[injectable]
pub struct Newsletter {
    mailer: Arc<dyn Mailer>,
}

#[module(imports = [MailModule], providers = [Newsletter])]
pub struct SiteModule;

#[test]
fn a_trait_object_binding_is_replaced_by_any_implementation() {
    let fake = Arc::new(FakeMailer::default());
    let app = App::<SiteModule>::builder()
        .replace_for_test::<MailModule, dyn Mailer>(fake.clone())
        .build_sync()
        .unwrap();
    assert_eq!(app.get::<Signup>().mailer.send("ada"), "fake to ada");
    assert_eq!(app.get::<Newsletter>().mailer.send("bob"), "fake to bob");
    assert_eq!(app.get::<dyn Mailer>().send("cy"), "fake to cy");
    assert_eq!(*fake.sent.lock().unwrap(), ["ada", "bob", "cy"]);

    let app = App::<SiteModule>::build_sync().unwrap();
    assert_eq!(app.get::<Newsletter>().mailer.send("ada"), "smtp to ada");
}

// ---- one type, two modules: the replacement is exact ------------------------------------------

#[injectable]
pub struct Counter {
    #[inject(default)]
    hits: std::sync::atomic::AtomicUsize,
}

#[injectable]
pub struct Left {
    counter: Arc<Counter>,
}

#[module(providers = [Counter, Left], exports = [Left])]
pub struct LeftModule;

#[injectable]
pub struct Right {
    counter: Arc<Counter>,
}

#[module(providers = [Counter, Right], exports = [Right])]
pub struct RightModule;

#[module(imports = [LeftModule, RightModule])]
pub struct BothModule;

#[test]
fn a_type_two_modules_build_privately_is_replaced_only_in_the_module_named() {
    let fake = Arc::new(Counter { hits: 7.into() });
    let app = App::<BothModule>::builder()
        .replace_for_test::<LeftModule, Counter>(fake.clone())
        .build_sync()
        .unwrap();
    assert!(Arc::ptr_eq(&app.get::<Left>().counter, &fake));
    assert!(!Arc::ptr_eq(&app.get::<Right>().counter, &fake));
    assert_eq!(
        app.get::<Right>()
            .counter
            .hits
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
}

#[test]
fn a_second_replacement_of_the_same_provider_wins() {
    let (first, second) = (
        Arc::new(FakeMailer::default()),
        Arc::new(FakeMailer::default()),
    );
    let app = App::<SiteModule>::builder()
        .replace_for_test::<MailModule, dyn Mailer>(first.clone())
        .replace_for_test::<MailModule, dyn Mailer>(second.clone())
        .build_sync()
        .unwrap();
    app.get::<Signup>().mailer.send("ada");
    assert!(first.sent.lock().unwrap().is_empty());
    assert_eq!(*second.sent.lock().unwrap(), ["ada"]);
}

// ---- a module of another crate -----------------------------------------------------------------

#[injectable]
pub struct Audit {
    logger: Arc<shared_logger::SharedLogger>,
}

#[module(imports = [shared_logger::SharedLoggerModule], providers = [Audit])]
pub struct AuditModule;

#[test]
fn a_provider_of_a_module_in_another_crate_is_replaced() {
    use shared_logger::{Formatter, SharedLogger, SharedLoggerModule};

    let fake = Arc::new(SharedLogger::default());
    let app = App::<AuditModule>::builder()
        .replace_for_test::<SharedLoggerModule, SharedLogger>(fake.clone())
        .build_sync()
        .unwrap();
    app.get::<Audit>().logger.log("one");
    assert_eq!(fake.count(), 1);

    // Its private `Formatter` too: the other crate's module keeps it, the test reaches it.
    let formatter = Arc::new(Formatter { logger: fake });
    let app = App::<AuditModule>::builder()
        .replace_for_test::<SharedLoggerModule, Formatter>(formatter.clone())
        .build_sync()
        .unwrap();
    assert_eq!(Arc::strong_count(&formatter), 2);
    drop(app);
    assert_eq!(Arc::strong_count(&formatter), 1);
}

#[tokio::test]
async fn a_provider_of_an_async_module_built_straight_line_is_replaced() {
    let log = Log::default();
    let clock = Arc::new(Clock {
        log: Arc::new(Log::default()),
    });
    let orders = Arc::new(OrderRepo {
        pool: fake_pool(&log),
    });
    let fake = Arc::new(Billing {
        orders: Arc::clone(&orders),
        clock,
    });
    let app = App::<AppModule>::builder()
        .value(log.clone())
        .replace_for_test::<ServiceModule, Billing>(Arc::clone(&fake))
        .build()
        .await
        .unwrap();
    assert!(Arc::ptr_eq(&app.get::<Api>().billing, &fake));
    // `Billing`'s own dependencies were built as in production all the same (its
    // replacement holds others): the real pool was connected and started.
    assert!(!Arc::ptr_eq(&app.get::<Api>().users.pool, &orders.pool));
    assert_eq!(log.count("connect"), 1, "{:?}", log.events());
}
