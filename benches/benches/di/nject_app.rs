//! The scenario wired by nject 0.5. nject injects by value and shares through its providers'
//! fields; singletons shared between providers are fields of modules, and a module's fields are
//! injected from the modules before it in `init!(..)`, never from their siblings. So the graph
//! is wired as one module per dependency layer (five), each field an `Arc` made by an
//! `#[inject(|deps..| ..)]` factory and exported as an `Arc` clone. The root provider keeps the
//! `Arc`s its callers resolve, provides `Arc<AuditEvent>` as a new instance on every `provide`
//! (the transient), and has a scope holding one `RequestContext` (nject's request scope: built
//! when the scope is opened, stored inline, handed out as `&RequestContext`).

use nject::{Injectable, Provider, init, injectable, module, provider};

modkit_bench::scenario!();

// Public exports go on the struct, with absolute paths (nject's rule for exports of types
// that are not local: `Arc<..>` is not).

#[injectable]
#[module]
#[export(std::sync::Arc<crate::nject_app::Config>, self.config.clone())]
pub struct NjConfigLayer {
    #[inject(Arc::new(Config::load()))]
    config: Arc<Config>,
}

#[injectable]
#[module]
#[export(std::sync::Arc<crate::nject_app::Logger>, self.logger.clone())]
pub struct NjLoggerLayer {
    #[inject(|config: Arc<Config>| Arc::new(Logger::new(config)))]
    logger: Arc<Logger>,
}

#[injectable]
#[module]
#[export(std::sync::Arc<crate::nject_app::Metrics>, self.metrics.clone())]
#[export(std::sync::Arc<dyn crate::nject_app::Mailer>, self.mailer.clone())]
#[export(std::sync::Arc<crate::nject_app::UserRepo>, self.user_repo.clone())]
#[export(std::sync::Arc<crate::nject_app::PaymentClient>, self.payments.clone())]
pub struct NjInfraLayer {
    #[inject(|logger: Arc<Logger>| Arc::new(Metrics::new(logger)))]
    metrics: Arc<Metrics>,
    #[inject(|config: Arc<Config>, logger: Arc<Logger>| -> Arc<dyn Mailer> {
        Arc::new(SmtpMailer::new(config, logger))
    })]
    mailer: Arc<dyn Mailer>,
    #[inject(|logger: Arc<Logger>| Arc::new(UserRepo::new(logger)))]
    user_repo: Arc<UserRepo>,
    #[inject(|config: Arc<Config>, logger: Arc<Logger>| Arc::new(PaymentClient::new(config, logger)))]
    payments: Arc<PaymentClient>,
}

#[injectable]
#[module]
#[export(std::sync::Arc<crate::nject_app::OrderRepo>, self.order_repo.clone())]
#[export(std::sync::Arc<crate::nject_app::UserService>, self.users.clone())]
pub struct NjServiceLayer {
    #[inject(|logger: Arc<Logger>, metrics: Arc<Metrics>| Arc::new(OrderRepo::new(logger, metrics)))]
    order_repo: Arc<OrderRepo>,
    #[inject(|repo: Arc<UserRepo>, mailer: Arc<dyn Mailer>, logger: Arc<Logger>| {
        Arc::new(UserService::new(repo, mailer, logger))
    })]
    users: Arc<UserService>,
}

#[injectable]
#[module]
#[export(std::sync::Arc<crate::nject_app::OrderService>, self.orders.clone())]
pub struct NjOrderLayer {
    #[inject(|orders: Arc<OrderRepo>,
              users: Arc<UserService>,
              payments: Arc<PaymentClient>,
              mailer: Arc<dyn Mailer>,
              metrics: Arc<Metrics>| {
        Arc::new(OrderService::new(orders, users, payments, mailer, metrics))
    })]
    orders: Arc<OrderService>,
}

/// What `#[injectable]` on `RequestContext` would generate: its three dependencies from the
/// provider.
impl<'prov, P> Injectable<'prov, RequestContext, P> for RequestContext
where
    P: Provider<'prov, Arc<OrderService>>
        + Provider<'prov, Arc<UserService>>
        + Provider<'prov, Arc<Logger>>,
{
    fn inject(provider: &'prov P) -> RequestContext {
        RequestContext::new(
            <P as Provider<'prov, Arc<OrderService>>>::provide(provider),
            <P as Provider<'prov, Arc<UserService>>>::provide(provider),
            <P as Provider<'prov, Arc<Logger>>>::provide(provider),
        )
    }
}

/// The root provider.
#[injectable]
#[provider]
#[provide(Arc<AuditEvent>, |logger: Arc<Logger>, metrics: Arc<Metrics>| Arc::new(AuditEvent::new(logger, metrics)))]
#[scope(RequestContext)]
pub struct NjectApp {
    #[provide(Arc<Logger>, |x| x.clone())]
    logger: Arc<Logger>,
    #[provide(Arc<Metrics>, |x| x.clone())]
    metrics: Arc<Metrics>,
    #[provide(Arc<UserService>, |x| x.clone())]
    users: Arc<UserService>,
    #[provide(Arc<OrderService>, |x| x.clone())]
    orders: Arc<OrderService>,
}

/// Builds the layers in order; the root keeps what its callers resolve.
pub fn build() -> NjectApp {
    init!(
        NjConfigLayer,
        NjLoggerLayer,
        NjInfraLayer,
        NjServiceLayer,
        NjOrderLayer
    )
}
