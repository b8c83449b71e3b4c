//! The one scenario every contender wires: its types, written once as a macro.
//!
//! A DI framework needs its traits implemented for the scenario's types (shaku's `Component`,
//! nject's `Injectable`), and the orphan rule allows that only in the crate that defines them.
//! shaku and nject are dev-dependencies, usable only from the bench target, so each contender
//! invokes [`scenario!`](crate::scenario!) in a module of its own: the same structs, fields and
//! constructors, token for token, hence the same object graph and the same work per constructor.
//!
//! The graph (11 providers; `->` reads "holds an `Arc` of"):
//!
//! ```text
//! Config
//! Logger        -> Config
//! Metrics       -> Logger
//! SmtpMailer    -> Config, Logger                 bound as `dyn Mailer`
//! UserRepo      -> Logger
//! UserService   -> UserRepo, dyn Mailer, Logger
//! OrderRepo     -> Logger, Metrics
//! PaymentClient -> Config, Logger
//! OrderService  -> OrderRepo, UserService, PaymentClient, dyn Mailer, Metrics
//! AuditEvent    -> Logger, Metrics                transient: a new one per resolve
//! RequestContext-> OrderService, UserService, Logger   one per request scope
//! ```
//!
//! Constructors do no I/O and allocate nothing (the `Arc` around each instance is the wiring's
//! business): they copy a few small fields out of their dependencies.

/// Defines the scenario's types in the invoking module. See the [module docs](mod@crate::scenario).
///
/// `scenario!(Mailer: Send + Sync + extra::Bound)` sets the supertraits of `Mailer` (shaku wants
/// its `Interface` there); the default is `Send + Sync`.
#[macro_export]
macro_rules! scenario {
    () => {
        $crate::scenario!(Mailer: Send + Sync);
    };
    (Mailer: $($bound:tt)+) => {
        use ::std::sync::Arc;
        use ::std::sync::atomic::{AtomicU64, Ordering};

        /// Settings; the root of the graph.
        pub struct Config {
            pub smtp_port: u16,
            pub payment_timeout_ms: u32,
            pub log_level: u8,
            pub user_shards: u32,
        }

        impl Config {
            #[must_use]
            pub fn load() -> Self {
                Config {
                    smtp_port: 2525,
                    payment_timeout_ms: 1500,
                    log_level: 2,
                    user_shards: 8,
                }
            }
        }

        pub struct Logger {
            pub config: Arc<Config>,
            pub level: u8,
        }

        impl Logger {
            #[must_use]
            pub fn new(config: Arc<Config>) -> Self {
                let level = config.log_level;
                Logger { config, level }
            }
        }

        pub struct Metrics {
            pub logger: Arc<Logger>,
            pub events: AtomicU64,
        }

        impl Metrics {
            #[must_use]
            pub fn new(logger: Arc<Logger>) -> Self {
                Metrics {
                    logger,
                    events: AtomicU64::new(0),
                }
            }
        }

        /// The trait-object binding: the graph holds `Arc<dyn Mailer>`, implemented by `SmtpMailer`.
        pub trait Mailer: $($bound)+ {
            fn send(&self, user: u64, template: u32) -> u64;
        }

        pub struct SmtpMailer {
            pub config: Arc<Config>,
            pub logger: Arc<Logger>,
            pub port: u16,
        }

        impl SmtpMailer {
            #[must_use]
            pub fn new(config: Arc<Config>, logger: Arc<Logger>) -> Self {
                let port = config.smtp_port;
                SmtpMailer {
                    config,
                    logger,
                    port,
                }
            }
        }

        impl Mailer for SmtpMailer {
            fn send(&self, user: u64, template: u32) -> u64 {
                user ^ u64::from(template) ^ u64::from(self.port)
            }
        }

        pub struct UserRepo {
            pub logger: Arc<Logger>,
            pub shard: u32,
        }

        impl UserRepo {
            #[must_use]
            pub fn new(logger: Arc<Logger>) -> Self {
                let shard = logger.config.user_shards - 1;
                UserRepo { logger, shard }
            }
        }

        pub struct UserService {
            pub repo: Arc<UserRepo>,
            pub mailer: Arc<dyn Mailer>,
            pub logger: Arc<Logger>,
        }

        impl UserService {
            #[must_use]
            pub fn new(repo: Arc<UserRepo>, mailer: Arc<dyn Mailer>, logger: Arc<Logger>) -> Self {
                UserService {
                    repo,
                    mailer,
                    logger,
                }
            }

            #[must_use]
            pub fn shard_of(&self, user: u64) -> u64 {
                user % u64::from(self.repo.shard + 1)
            }
        }

        pub struct OrderRepo {
            pub logger: Arc<Logger>,
            pub metrics: Arc<Metrics>,
        }

        impl OrderRepo {
            #[must_use]
            pub fn new(logger: Arc<Logger>, metrics: Arc<Metrics>) -> Self {
                OrderRepo { logger, metrics }
            }
        }

        pub struct PaymentClient {
            pub config: Arc<Config>,
            pub logger: Arc<Logger>,
            pub timeout_ms: u32,
        }

        impl PaymentClient {
            #[must_use]
            pub fn new(config: Arc<Config>, logger: Arc<Logger>) -> Self {
                let timeout_ms = config.payment_timeout_ms;
                PaymentClient {
                    config,
                    logger,
                    timeout_ms,
                }
            }
        }

        /// The deep singleton: four levels above `Config`.
        pub struct OrderService {
            pub orders: Arc<OrderRepo>,
            pub users: Arc<UserService>,
            pub payments: Arc<PaymentClient>,
            pub mailer: Arc<dyn Mailer>,
            pub metrics: Arc<Metrics>,
        }

        impl OrderService {
            #[must_use]
            pub fn new(
                orders: Arc<OrderRepo>,
                users: Arc<UserService>,
                payments: Arc<PaymentClient>,
                mailer: Arc<dyn Mailer>,
                metrics: Arc<Metrics>,
            ) -> Self {
                OrderService {
                    orders,
                    users,
                    payments,
                    mailer,
                    metrics,
                }
            }

            /// A little arithmetic through three levels of `Arc`s; no side effects.
            #[must_use]
            pub fn quote(&self, user: u64, cents: u64) -> u64 {
                cents
                    + self.users.shard_of(user)
                    + u64::from(self.payments.timeout_ms / 100)
                    + u64::from(self.orders.logger.level)
            }
        }

        /// Transient: each resolve makes a new one and bumps a counter.
        pub struct AuditEvent {
            pub logger: Arc<Logger>,
            pub metrics: Arc<Metrics>,
            pub seq: u64,
        }

        impl AuditEvent {
            #[must_use]
            pub fn new(logger: Arc<Logger>, metrics: Arc<Metrics>) -> Self {
                let seq = metrics.events.fetch_add(1, Ordering::Relaxed);
                AuditEvent {
                    logger,
                    metrics,
                    seq,
                }
            }
        }

        /// Request-scoped: one per request, with three singleton dependencies.
        pub struct RequestContext {
            pub orders: Arc<OrderService>,
            pub users: Arc<UserService>,
            pub logger: Arc<Logger>,
        }

        impl RequestContext {
            #[must_use]
            pub fn new(orders: Arc<OrderService>, users: Arc<UserService>, logger: Arc<Logger>) -> Self {
                RequestContext {
                    orders,
                    users,
                    logger,
                }
            }
        }
    };
}

crate::scenario!();
