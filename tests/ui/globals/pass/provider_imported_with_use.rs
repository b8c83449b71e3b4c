// A module's providers are brought in with `use` from another file (a module here) and take the
// global `Logger`, which that file names by a path; the module's own scope never names it.
use modkit::{App, module};

mod log {
    use modkit::{injectable, module};

    #[injectable]
    pub struct Logger;

    #[module(global, providers = [Logger], exports = [Logger])]
    pub struct LoggingModule;
}

mod billing {
    use std::sync::Arc;

    use modkit::{injectable, provider};

    pub struct Invoices {
        pub log: Arc<crate::log::Logger>,
    }

    #[provider]
    pub fn invoices(log: Arc<crate::log::Logger>) -> Invoices {
        Invoices { log }
    }

    #[injectable]
    pub struct Billing {
        pub log: Arc<crate::log::Logger>,
        pub invoices: Arc<Invoices>,
    }
}

use billing::{Billing, invoices};

#[module(providers = [invoices, Billing], exports = [Billing])]
pub struct BillingModule;

#[module(imports = [log::LoggingModule, BillingModule])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let billing = app.get::<Billing>();
    assert!(std::sync::Arc::ptr_eq(&billing.log, &billing.invoices.log));
}
