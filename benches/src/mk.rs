//! The scenario wired by modkit: three feature modules under a root, factory providers calling
//! the shared constructors, `smtp_mailer as dyn Mailer`, a transient and a request provider.

#![allow(
    clippy::must_use_candidate,
    reason = "the factories are called by the generated wiring, which uses every result"
)]

use std::sync::Arc;

use modkit::{module, provider};

use crate::scenario::{
    AuditEvent, Config, Logger, Mailer, Metrics, OrderRepo, OrderService, PaymentClient,
    RequestContext, SmtpMailer, UserRepo, UserService,
};

#[provider]
pub fn config() -> Config {
    Config::load()
}

#[provider]
pub fn logger(config: Arc<Config>) -> Logger {
    Logger::new(config)
}

#[provider]
pub fn metrics(logger: Arc<Logger>) -> Metrics {
    Metrics::new(logger)
}

#[provider]
pub fn smtp_mailer(config: Arc<Config>, logger: Arc<Logger>) -> SmtpMailer {
    SmtpMailer::new(config, logger)
}

#[provider(scope = transient)]
pub fn audit_event(logger: Arc<Logger>, metrics: Arc<Metrics>) -> AuditEvent {
    AuditEvent::new(logger, metrics)
}

#[module(
    providers = [config, logger, metrics, smtp_mailer as dyn Mailer, audit_event],
    exports = [config, logger, metrics, dyn Mailer, audit_event],
)]
pub struct CoreModule;

#[provider]
pub fn user_repo(logger: Arc<Logger>) -> UserRepo {
    UserRepo::new(logger)
}

#[provider]
pub fn user_service(
    repo: Arc<UserRepo>,
    mailer: Arc<dyn Mailer>,
    logger: Arc<Logger>,
) -> UserService {
    UserService::new(repo, mailer, logger)
}

#[module(imports = [CoreModule], providers = [user_repo, user_service], exports = [user_service])]
pub struct UserModule;

#[provider]
pub fn order_repo(logger: Arc<Logger>, metrics: Arc<Metrics>) -> OrderRepo {
    OrderRepo::new(logger, metrics)
}

#[provider]
pub fn payment_client(config: Arc<Config>, logger: Arc<Logger>) -> PaymentClient {
    PaymentClient::new(config, logger)
}

#[provider]
pub fn order_service(
    orders: Arc<OrderRepo>,
    users: Arc<UserService>,
    payments: Arc<PaymentClient>,
    mailer: Arc<dyn Mailer>,
    metrics: Arc<Metrics>,
) -> OrderService {
    OrderService::new(orders, users, payments, mailer, metrics)
}

#[module(
    imports = [CoreModule, UserModule],
    providers = [order_repo, payment_client, order_service],
    exports = [order_service],
)]
pub struct OrderModule;

#[provider(scope = request)]
pub fn request_context(
    orders: Arc<OrderService>,
    users: Arc<UserService>,
    logger: Arc<Logger>,
) -> RequestContext {
    RequestContext::new(orders, users, logger)
}

/// The root: sees the feature modules' exports, owns the request-scoped provider.
#[module(imports = [CoreModule, UserModule, OrderModule], providers = [request_context])]
pub struct AppModule;
