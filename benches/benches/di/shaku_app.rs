//! The scenario wired by shaku 0.6: one `module!` per feature module plus a root that uses the
//! three as submodules. The scenario's types are written by a macro, so the `Component` and
//! `Provider` impls below are written out; they are what `#[derive(Component)]` and
//! `#[derive(Provider)]` generate (build each `#[shaku(inject)]` field with `build_component`,
//! resolve a provider's dependencies from the module).
//!
//! shaku has singletons (components) and providers (a new `Box` on every `provide`); it has no
//! request scope, so a request's `RequestContext` is a provider.

#![allow(
    clippy::struct_field_names,
    reason = "shaku's `module!` names every field of a module `__di_..`"
)]

use std::error::Error;

use shaku::{Component, HasComponent, Module, ModuleBuildContext, Provider, module};

// shaku resolves trait objects whose trait has `shaku::Interface` as a supertrait.
modkit_bench::scenario!(Mailer: Send + Sync + shaku::Interface);

impl<M: Module> Component<M> for Config {
    type Interface = Config;
    type Parameters = ();
    fn build(_: &mut ModuleBuildContext<M>, (): ()) -> Box<Config> {
        Box::new(Config::load())
    }
}

impl<M: Module + HasComponent<Config>> Component<M> for Logger {
    type Interface = Logger;
    type Parameters = ();
    fn build(ctx: &mut ModuleBuildContext<M>, (): ()) -> Box<Logger> {
        Box::new(Logger::new(M::build_component(ctx)))
    }
}

impl<M: Module + HasComponent<Logger>> Component<M> for Metrics {
    type Interface = Metrics;
    type Parameters = ();
    fn build(ctx: &mut ModuleBuildContext<M>, (): ()) -> Box<Metrics> {
        Box::new(Metrics::new(M::build_component(ctx)))
    }
}

impl<M: Module + HasComponent<Config> + HasComponent<Logger>> Component<M> for SmtpMailer {
    type Interface = dyn Mailer;
    type Parameters = ();
    fn build(ctx: &mut ModuleBuildContext<M>, (): ()) -> Box<dyn Mailer> {
        let config = <M as HasComponent<Config>>::build_component(ctx);
        let logger = <M as HasComponent<Logger>>::build_component(ctx);
        Box::new(SmtpMailer::new(config, logger))
    }
}

impl<M: Module + HasComponent<Logger>> Component<M> for UserRepo {
    type Interface = UserRepo;
    type Parameters = ();
    fn build(ctx: &mut ModuleBuildContext<M>, (): ()) -> Box<UserRepo> {
        Box::new(UserRepo::new(M::build_component(ctx)))
    }
}

impl<M> Component<M> for UserService
where
    M: Module + HasComponent<UserRepo> + HasComponent<dyn Mailer> + HasComponent<Logger>,
{
    type Interface = UserService;
    type Parameters = ();
    fn build(ctx: &mut ModuleBuildContext<M>, (): ()) -> Box<UserService> {
        let repo = <M as HasComponent<UserRepo>>::build_component(ctx);
        let mailer = <M as HasComponent<dyn Mailer>>::build_component(ctx);
        let logger = <M as HasComponent<Logger>>::build_component(ctx);
        Box::new(UserService::new(repo, mailer, logger))
    }
}

impl<M: Module + HasComponent<Logger> + HasComponent<Metrics>> Component<M> for OrderRepo {
    type Interface = OrderRepo;
    type Parameters = ();
    fn build(ctx: &mut ModuleBuildContext<M>, (): ()) -> Box<OrderRepo> {
        let logger = <M as HasComponent<Logger>>::build_component(ctx);
        let metrics = <M as HasComponent<Metrics>>::build_component(ctx);
        Box::new(OrderRepo::new(logger, metrics))
    }
}

impl<M: Module + HasComponent<Config> + HasComponent<Logger>> Component<M> for PaymentClient {
    type Interface = PaymentClient;
    type Parameters = ();
    fn build(ctx: &mut ModuleBuildContext<M>, (): ()) -> Box<PaymentClient> {
        let config = <M as HasComponent<Config>>::build_component(ctx);
        let logger = <M as HasComponent<Logger>>::build_component(ctx);
        Box::new(PaymentClient::new(config, logger))
    }
}

impl<M> Component<M> for OrderService
where
    M: Module
        + HasComponent<OrderRepo>
        + HasComponent<UserService>
        + HasComponent<PaymentClient>
        + HasComponent<dyn Mailer>
        + HasComponent<Metrics>,
{
    type Interface = OrderService;
    type Parameters = ();
    fn build(ctx: &mut ModuleBuildContext<M>, (): ()) -> Box<OrderService> {
        let orders = <M as HasComponent<OrderRepo>>::build_component(ctx);
        let users = <M as HasComponent<UserService>>::build_component(ctx);
        let payments = <M as HasComponent<PaymentClient>>::build_component(ctx);
        let mailer = <M as HasComponent<dyn Mailer>>::build_component(ctx);
        let metrics = <M as HasComponent<Metrics>>::build_component(ctx);
        Box::new(OrderService::new(orders, users, payments, mailer, metrics))
    }
}

impl<M: Module + HasComponent<Logger> + HasComponent<Metrics>> Provider<M> for AuditEvent {
    type Interface = AuditEvent;
    fn provide(module: &M) -> Result<Box<AuditEvent>, Box<dyn Error>> {
        let logger = <M as HasComponent<Logger>>::resolve(module);
        let metrics = <M as HasComponent<Metrics>>::resolve(module);
        Ok(Box::new(AuditEvent::new(logger, metrics)))
    }
}

impl<M> Provider<M> for RequestContext
where
    M: Module + HasComponent<OrderService> + HasComponent<UserService> + HasComponent<Logger>,
{
    type Interface = RequestContext;
    fn provide(module: &M) -> Result<Box<RequestContext>, Box<dyn Error>> {
        let orders = <M as HasComponent<OrderService>>::resolve(module);
        let users = <M as HasComponent<UserService>>::resolve(module);
        let logger = <M as HasComponent<Logger>>::resolve(module);
        Ok(Box::new(RequestContext::new(orders, users, logger)))
    }
}

module! {
    pub ShakuCore {
        components = [Config, Logger, Metrics, SmtpMailer],
        providers = [AuditEvent]
    }
}

module! {
    pub ShakuUsers {
        components = [UserRepo, UserService],
        providers = [],

        use ShakuCore {
            components = [Logger, dyn Mailer],
            providers = []
        }
    }
}

module! {
    pub ShakuOrders {
        components = [OrderRepo, PaymentClient, OrderService],
        providers = [],

        use ShakuCore {
            components = [Config, Logger, Metrics, dyn Mailer],
            providers = []
        },

        use ShakuUsers {
            components = [UserService],
            providers = []
        }
    }
}

module! {
    pub ShakuApp {
        components = [],
        providers = [RequestContext],

        use ShakuCore {
            components = [Logger, Metrics],
            providers = [AuditEvent]
        },

        use ShakuUsers {
            components = [UserService],
            providers = []
        },

        use ShakuOrders {
            components = [OrderService],
            providers = []
        }
    }
}

/// Builds the four modules, submodules first, each once (shared through `Arc`).
pub fn build() -> ShakuApp {
    let core = Arc::new(ShakuCore::builder().build());
    let users = Arc::new(ShakuUsers::builder(Arc::clone(&core)).build());
    let orders = Arc::new(ShakuOrders::builder(Arc::clone(&core), Arc::clone(&users)).build());
    ShakuApp::builder(core, users, orders).build()
}
