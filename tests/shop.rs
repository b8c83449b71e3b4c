//! The shop example's real app in a test, its payment gateway replaced (`replace_for_test`, the
//! `testing` feature): a checkout in a request scope charges the test's gateway, and the real
//! one is never built.

use std::sync::{Arc, Mutex};

use modkit::App;

#[allow(
    dead_code,
    reason = "the example's `main` and helpers are not used here"
)]
#[path = "../examples/shop.rs"]
mod shop;

use shop::{
    AppModule, Hook, Journal, PaymentError, PaymentGateway, PaymentsModule, PrimaryDb, ReplicaDb,
};

/// Records every charge and accepts it.
#[derive(Default)]
struct RecordingGateway {
    charges: Mutex<Vec<(String, u64)>>,
}

impl PaymentGateway for RecordingGateway {
    fn charge(&self, customer: &str, cents: u64) -> Result<String, PaymentError> {
        let mut charges = self.charges.lock().unwrap();
        charges.push((customer.to_owned(), cents));
        Ok(format!("test_{}", charges.len()))
    }
}

#[tokio::test]
async fn a_checkout_charges_the_gateway_the_test_put_in() {
    let journal = Journal::default();
    let gateway = Arc::new(RecordingGateway::default());
    let app = App::<AppModule>::builder()
        .env_vars(Vec::<(String, String)>::new())
        .set::<PrimaryDb>("url", "memory://primary-test/shop")
        .set::<ReplicaDb>("url", "memory://replica-test/shop")
        .value(journal.clone())
        .replace_for_test::<PaymentsModule, dyn PaymentGateway>(gateway.clone())
        .build()
        .await
        .unwrap();
    let app = Arc::new(app);
    app.get::<shop::ProductService>().create_product("Anvil", 1);

    let scope = app.scope();
    let order = scope
        .get::<shop::RequestContext>()
        .checkout("alice", "Anvil", 4_999)
        .unwrap();
    assert_eq!(order.receipt, "test_1");
    assert_eq!(
        *gateway.charges.lock().unwrap(),
        [("alice".to_owned(), 4_999)]
    );
    drop(scope);

    // The real gateway (`payment_gateway`, with both hooks) was never built: its hooks did not
    // run; the rest of the shop started and stops as in production.
    app.shutdown().await.unwrap();
    assert!(!journal.ran(Hook::Init).contains(&"payment_gateway"));
    assert!(!journal.ran(Hook::Shutdown).contains(&"payment_gateway"));
    assert!(journal.ran(Hook::Init).contains(&"CmsClient"));
}
