//! The baseline: the scenario wired by hand. Plain structs of `Arc`s, built in dependency order
//! by a plain function; the app keeps what its callers resolve.

use std::sync::Arc;

use crate::scenario::{
    AuditEvent, Config, Logger, Mailer, Metrics, OrderRepo, OrderService, PaymentClient,
    RequestContext, SmtpMailer, UserRepo, UserService,
};

/// The hand-wired app: the singletons its callers ask for.
pub struct HandApp {
    pub logger: Arc<Logger>,
    pub metrics: Arc<Metrics>,
    pub users: Arc<UserService>,
    pub orders: Arc<OrderService>,
}

impl HandApp {
    /// Builds every singleton once, dependencies first.
    #[must_use]
    pub fn build() -> HandApp {
        // "core"
        let config = Arc::new(Config::load());
        let logger = Arc::new(Logger::new(Arc::clone(&config)));
        let metrics = Arc::new(Metrics::new(Arc::clone(&logger)));
        let mailer: Arc<dyn Mailer> =
            Arc::new(SmtpMailer::new(Arc::clone(&config), Arc::clone(&logger)));
        // "users"
        let user_repo = Arc::new(UserRepo::new(Arc::clone(&logger)));
        let users = Arc::new(UserService::new(
            user_repo,
            Arc::clone(&mailer),
            Arc::clone(&logger),
        ));
        // "orders"
        let order_repo = Arc::new(OrderRepo::new(Arc::clone(&logger), Arc::clone(&metrics)));
        let payments = Arc::new(PaymentClient::new(config, Arc::clone(&logger)));
        let orders = Arc::new(OrderService::new(
            order_repo,
            Arc::clone(&users),
            payments,
            mailer,
            Arc::clone(&metrics),
        ));
        HandApp {
            logger,
            metrics,
            users,
            orders,
        }
    }

    /// The deep singleton.
    #[inline]
    #[must_use]
    pub fn order_service(&self) -> Arc<OrderService> {
        Arc::clone(&self.orders)
    }

    /// A new transient.
    #[inline]
    #[must_use]
    pub fn audit_event(&self) -> Arc<AuditEvent> {
        Arc::new(AuditEvent::new(
            Arc::clone(&self.logger),
            Arc::clone(&self.metrics),
        ))
    }

    /// What a request scope hands out: a new `RequestContext` with three `Arc` clones.
    #[inline]
    #[must_use]
    pub fn request_context(&self) -> Arc<RequestContext> {
        Arc::new(RequestContext::new(
            Arc::clone(&self.orders),
            Arc::clone(&self.users),
            Arc::clone(&self.logger),
        ))
    }
}
