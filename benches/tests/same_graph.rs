//! Every contender builds the same object graph: one instance per singleton, shared by every
//! holder, the same answers from `OrderService::quote`, a new transient per resolve, and a
//! request context holding the app's singletons.

#[path = "../benches/di/nject_app.rs"]
mod nject_app;
#[path = "../benches/di/shaku_app.rs"]
mod shaku_app;

use std::sync::Arc;

use modkit::App;
use modkit_bench::hand::HandApp;
use modkit_bench::mk::AppModule;
use modkit_bench::scenario as sc;
use shaku::{HasComponent, HasProvider};

/// Checks the sharing inside one contender's graph, from its `OrderService`, `UserService` and
/// `Logger`. A macro because each contender has its own copy of the scenario's types.
macro_rules! check_graph {
    ($orders:expr, $users:expr, $logger:expr) => {{
        let (orders, users, logger) = ($orders, $users, $logger);
        assert!(Arc::ptr_eq(&orders.users, &users));
        assert!(Arc::ptr_eq(&orders.orders.logger, &logger));
        assert!(Arc::ptr_eq(&orders.payments.logger, &logger));
        assert!(Arc::ptr_eq(&users.logger, &logger));
        assert!(Arc::ptr_eq(&users.repo.logger, &logger));
        assert!(Arc::ptr_eq(&orders.metrics.logger, &logger));
        assert!(Arc::ptr_eq(&orders.orders.metrics, &orders.metrics));
        assert!(Arc::ptr_eq(&orders.payments.config, &logger.config));
        // one mailer, held as `dyn Mailer` by both services
        assert!(std::ptr::addr_eq(
            Arc::as_ptr(&orders.mailer),
            Arc::as_ptr(&users.mailer)
        ));
        assert_eq!(orders.mailer.send(1, 2), 1 ^ 2 ^ 2525);
        orders.quote(7, 1000)
    }};
}

#[test]
fn every_contender_builds_the_same_graph() {
    let hand = HandApp::build();
    let expected = check_graph!(
        hand.order_service(),
        Arc::clone(&hand.users),
        Arc::clone(&hand.logger)
    );
    assert_eq!(expected, 1000 + 7 + 15 + 2);

    let mk = App::<AppModule>::build_sync().unwrap();
    let quote = check_graph!(
        mk.get::<sc::OrderService>(),
        mk.get::<sc::UserService>(),
        mk.get::<sc::Logger>()
    );
    assert_eq!(quote, expected);
    assert!(Arc::ptr_eq(
        &modkit_bench::modkit_resolve(&mk),
        &mk.get::<sc::OrderService>()
    ));
    assert!(Arc::ptr_eq(
        &modkit_bench::hand_resolve(&hand),
        &hand.orders
    ));

    let sh = shaku_app::build();
    let quote = check_graph!(
        HasComponent::<shaku_app::OrderService>::resolve(&sh),
        HasComponent::<shaku_app::UserService>::resolve(&sh),
        HasComponent::<shaku_app::Logger>::resolve(&sh)
    );
    assert_eq!(quote, expected);

    let nj = nject_app::build();
    let quote = check_graph!(
        nj.provide::<Arc<nject_app::OrderService>>(),
        nj.provide::<Arc<nject_app::UserService>>(),
        nj.provide::<Arc<nject_app::Logger>>()
    );
    assert_eq!(quote, expected);
}

#[test]
fn transients_are_new_each_time() {
    let hand = HandApp::build();
    let (a, b) = (hand.audit_event(), hand.audit_event());
    assert_eq!((a.seq, b.seq), (0, 1));
    assert!(Arc::ptr_eq(&a.metrics, &hand.metrics));

    let mk = App::<AppModule>::build_sync().unwrap();
    let (a, b) = (mk.get::<sc::AuditEvent>(), mk.get::<sc::AuditEvent>());
    assert_eq!((a.seq, b.seq), (0, 1));
    assert!(Arc::ptr_eq(&a.metrics, &mk.get::<sc::Metrics>()));

    let sh = shaku_app::build();
    let a = HasProvider::<shaku_app::AuditEvent>::provide(&sh).unwrap();
    let b = HasProvider::<shaku_app::AuditEvent>::provide(&sh).unwrap();
    assert_eq!((a.seq, b.seq), (0, 1));
    assert!(Arc::ptr_eq(
        &a.metrics,
        &HasComponent::<shaku_app::Metrics>::resolve(&sh)
    ));

    let nj = nject_app::build();
    let a = nj.provide::<Arc<nject_app::AuditEvent>>();
    let b = nj.provide::<Arc<nject_app::AuditEvent>>();
    assert_eq!((a.seq, b.seq), (0, 1));
    assert!(Arc::ptr_eq(
        &a.metrics,
        &nj.provide::<Arc<nject_app::Metrics>>()
    ));
}

#[test]
fn request_contexts_hold_the_app_singletons() {
    let hand = HandApp::build();
    let ctx = hand.request_context();
    assert!(Arc::ptr_eq(&ctx.orders, &hand.orders));
    assert!(!Arc::ptr_eq(&ctx, &hand.request_context()));

    let mk = Arc::new(App::<AppModule>::build_sync().unwrap());
    let scope = mk.scope();
    let ctx = scope.get::<sc::RequestContext>();
    assert!(Arc::ptr_eq(&ctx, &scope.get::<sc::RequestContext>()));
    assert!(!Arc::ptr_eq(&ctx, &mk.scope().get::<sc::RequestContext>()));
    assert!(Arc::ptr_eq(&ctx.orders, &mk.get::<sc::OrderService>()));

    let sh = shaku_app::build();
    let ctx = HasProvider::<shaku_app::RequestContext>::provide(&sh).unwrap();
    assert!(Arc::ptr_eq(
        &ctx.orders,
        &HasComponent::<shaku_app::OrderService>::resolve(&sh)
    ));

    let nj = nject_app::build();
    let scope = nj.scope();
    let ctx: &nject_app::RequestContext = scope.provide();
    assert!(std::ptr::eq(
        ctx,
        scope.provide::<&nject_app::RequestContext>()
    ));
    assert!(Arc::ptr_eq(
        &ctx.orders,
        &nj.provide::<Arc<nject_app::OrderService>>()
    ));
    assert!(Arc::ptr_eq(
        &ctx.logger,
        &nj.provide::<Arc<nject_app::Logger>>()
    ));
}
