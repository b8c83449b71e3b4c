//! Every modkit feature in one crate, compiled under the strictest lints: `cargo clippy
//! --workspace --all-targets -- -D warnings` (CI) fails if any expansion has a warning, a missing
//! doc or an unnecessary qualification. The test at the bottom builds the app, so `cargo test`
//! exercises it too.
#![deny(warnings, missing_docs, unused_qualifications, clippy::pedantic)]

use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use modkit::{injectable, module, provider};

// ---- Values ------------------------------------------------------------------------------------

/// Settings supplied at build time (`values = [Config]`).
pub struct Config {
    /// How many connections the pool opens.
    pub pool_size: usize,
}

// ---- A shared leaf module, imported along two paths (a diamond) -------------------------------

/// A singleton with a field that is not injected.
#[injectable]
pub struct Logger {
    /// Lines logged so far.
    #[inject(default)]
    pub lines: AtomicUsize,
}

impl Logger {
    /// Logs one line; returns how many were logged.
    pub fn log(&self) -> usize {
        self.lines.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// Provides and exports [`Logger`].
#[module(providers = [Logger], exports = [Logger])]
pub struct LogModule;

/// Depends on the imported [`Logger`].
#[injectable]
pub struct Audit {
    /// The logger of [`LogModule`].
    pub logger: Arc<Logger>,
}

/// One side of the diamond: re-exports the imported type [`Logger`] by name.
#[module(imports = [LogModule], providers = [Audit], exports = [Audit, Logger])]
pub struct AuditModule;

/// Depends on the imported [`Logger`].
#[injectable]
pub struct Metrics {
    /// The logger of [`LogModule`].
    pub logger: Arc<Logger>,
}

/// The other side of the diamond: re-exports the whole [`LogModule`].
#[module(imports = [LogModule], providers = [Metrics], exports = [Metrics, LogModule])]
pub struct MetricsModule;

// ---- A module written by a `macro_rules!` ------------------------------------------------------

/// Tells the time (always noon here).
#[injectable]
pub struct Clock;

impl Clock {
    /// The hour.
    #[must_use]
    pub fn hour(&self) -> u8 {
        12
    }
}

macro_rules! leaf_module {
    ($(#[$doc:meta])* $name:ident provides $provider:ident) => {
        $(#[$doc])*
        #[module(providers = [$provider], exports = [$provider])]
        pub struct $name;
    };
}

leaf_module!(
    /// Provides and exports [`Clock`]; written by `leaf_module!`.
    ClockModule provides Clock
);

// ---- Trait objects: a binding and an alias -----------------------------------------------------

/// Sends mail.
pub trait Mailer: Send + Sync {
    /// Sends one mail; returns how many were sent.
    fn send(&self) -> usize;
}

/// The [`Mailer`] the app binds: `SmtpMailer as dyn Mailer`.
#[injectable]
pub struct SmtpMailer {
    /// Mails sent so far.
    #[inject(default)]
    pub sent: AtomicUsize,
}

impl Mailer for SmtpMailer {
    fn send(&self) -> usize {
        self.sent.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// Pages someone.
pub trait Notifier: Send + Sync {
    /// Whether the page went out.
    fn notify(&self) -> bool;
}

/// A provider also visible as `dyn Notifier` (`dyn Notifier = Pager`).
#[injectable]
pub struct Pager;

impl Notifier for Pager {
    fn notify(&self) -> bool {
        true
    }
}

// ---- A generic injectable ----------------------------------------------------------------------

/// A table.
pub trait Entity: Send + Sync + 'static {
    /// Its name.
    const TABLE: &'static str;
}

/// The users table.
pub struct User;

impl Entity for User {
    const TABLE: &'static str = "users";
}

/// A generic provider, listed as `Repo<User>`.
#[injectable]
pub struct Repo<E: Entity> {
    /// The pool it queries.
    pub pool: Arc<Pool>,
    /// The entity, not injected.
    #[inject(default)]
    pub entity: PhantomData<E>,
}

impl<E: Entity> Repo<E> {
    /// The table it reads.
    #[must_use]
    pub fn table(&self) -> &'static str {
        E::TABLE
    }
}

// ---- Transient and request-scoped providers ----------------------------------------------------

/// A new one on every resolve.
#[injectable(scope = transient)]
pub struct Ticket {
    /// The shared logger.
    pub logger: Arc<Logger>,
}

/// One per request scope.
#[injectable(scope = request)]
pub struct RequestCtx {
    /// The shared clock.
    pub clock: Arc<Clock>,
    /// Hits in this request.
    #[inject(default)]
    pub hits: AtomicUsize,
}

/// The id of the request a scope serves: a seed (`seeds = [TraceId]`).
pub struct TraceId(pub u64);

/// Request-scoped, made from the seed its scope was opened with.
#[injectable(scope = request)]
pub struct Traced {
    /// The scope's seed.
    pub id: Arc<TraceId>,
}

/// Declares the seed, keeps it private, exports the provider that uses it.
#[module(seeds = [TraceId], providers = [Traced], exports = [Traced])]
pub struct TraceModule;

// ---- Factories: sync, async, fallible, with hooks ----------------------------------------------

/// A connection pool, made by [`make_pool()`].
pub struct Pool {
    /// Its size, from [`Config`].
    pub size: usize,
}

/// A synchronous factory of [`Pool`], reading the [`Config`] value.
#[provider]
#[must_use]
pub fn make_pool(config: Arc<Config>) -> Pool {
    Pool {
        size: config.pool_size,
    }
}

/// A connection, made by the `async` factory [`connect()`].
pub struct Conn {
    /// The size of the pool it came from.
    pub pool_size: usize,
}

/// An `async` factory of [`Conn`].
#[provider]
pub async fn connect(pool: Arc<Pool>) -> Conn {
    std::future::ready(()).await;
    Conn {
        pool_size: pool.size,
    }
}

/// A cache, made by the fallible factory [`load_cache()`].
pub struct Cache {
    /// Entries loaded.
    pub entries: usize,
}

/// A fallible factory of [`Cache`].
///
/// # Errors
/// When the pool is empty.
#[provider]
pub fn load_cache(pool: Arc<Pool>) -> Result<Cache, std::io::Error> {
    if pool.size == 0 {
        return Err(std::io::Error::other("empty pool"));
    }
    Ok(Cache {
        entries: pool.size * 2,
    })
}

/// A session with lifecycle hooks, made by [`open_session()`].
pub struct Session {
    /// Whether `init` ran.
    pub started: AtomicUsize,
}

impl Session {
    async fn start(&self) -> Result<(), std::io::Error> {
        std::future::ready(()).await;
        self.started.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    async fn stop(&self) -> Result<(), std::io::Error> {
        std::future::ready(()).await;
        self.started.fetch_sub(1, Ordering::Relaxed);
        Ok(())
    }
}

/// A factory of [`Session`] with `init` and `shutdown` hooks.
#[provider(init = Session::start, shutdown = Session::stop)]
#[must_use]
pub fn open_session() -> Session {
    Session {
        started: AtomicUsize::new(0),
    }
}

// ---- The root ----------------------------------------------------------------------------------

/// Uses a bit of everything.
#[injectable]
pub struct Service {
    /// Through the binding `SmtpMailer as dyn Mailer`.
    pub mailer: Arc<dyn Mailer>,
    /// Through the alias `dyn Notifier = Pager`.
    pub notifier: Arc<dyn Notifier>,
    /// From [`AuditModule`].
    pub audit: Arc<Audit>,
    /// From [`MetricsModule`].
    pub metrics: Arc<Metrics>,
    /// Reaches the root along both sides of the diamond.
    pub logger: Arc<Logger>,
    /// A generic provider.
    pub users: Arc<Repo<User>>,
    /// From the async factory.
    pub conn: Arc<Conn>,
    /// From the fallible factory.
    pub cache: Arc<Cache>,
    /// From the factory with hooks.
    pub session: Arc<Session>,
}

/// The root: imports the diamond and the macro-written module, provides the rest.
#[module(
    imports = [AuditModule, MetricsModule, ClockModule, TraceModule],
    providers = [
        SmtpMailer as dyn Mailer,
        Pager,
        dyn Notifier = Pager,
        Repo<User>,
        Ticket,
        RequestCtx,
        make_pool,
        connect,
        load_cache,
        open_session,
        Service,
    ],
    values = [Config],
)]
pub struct AppModule;

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::Ordering;

    use modkit::App;

    use super::{AppModule, Config, Logger, RequestCtx, Service, Ticket, TraceId, Traced};

    /// Polls a future that never waits (the providers and hooks here await nothing pending).
    fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        loop {
            if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    #[test]
    fn the_app_builds_and_resolves() {
        let app = block_on(
            App::<AppModule>::builder()
                .value(Config { pool_size: 3 })
                .build(),
        )
        .expect("the app builds");
        let service = app.get::<Service>();
        assert_eq!(service.mailer.send(), 1);
        assert!(service.notifier.notify());
        assert_eq!(service.users.table(), "users");
        assert_eq!(service.users.pool.size, 3);
        assert_eq!(service.conn.pool_size, 3);
        assert_eq!(service.cache.entries, 6);
        assert_eq!(service.session.started.load(Ordering::Relaxed), 1);
        // One `Logger` for the whole diamond.
        let logger = app.get::<Logger>();
        assert!(Arc::ptr_eq(&logger, &service.audit.logger));
        assert!(Arc::ptr_eq(&logger, &service.metrics.logger));
        assert!(Arc::ptr_eq(&logger, &service.logger));
        // A transient is new on every resolve.
        assert!(!Arc::ptr_eq(&app.get::<Ticket>(), &app.get::<Ticket>()));
        // A request-scoped provider is one per scope.
        let app = Arc::new(app);
        let open = |id| app.scope_builder().with(TraceId(id)).open();
        let (one, two) = (open(1), open(2));
        assert_eq!(two.get::<Traced>().id.0, 2);
        assert!(Arc::ptr_eq(
            &one.get::<RequestCtx>(),
            &one.get::<RequestCtx>()
        ));
        assert!(!Arc::ptr_eq(
            &one.get::<RequestCtx>(),
            &two.get::<RequestCtx>()
        ));
        assert_eq!(one.get::<RequestCtx>().clock.hour(), 12);
    }
}
