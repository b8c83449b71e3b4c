// Known limit: a module built through its builder (`Billing` names `Invoices` by a path the
// macro cannot match) keeps the global `Logger` in a field and names it as the dependency is
// spelled, so its scope must name `Logger`: here it does not (rustc's error suggests the `use`).
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

    use modkit::injectable;

    #[injectable]
    pub struct Invoices;

    #[injectable]
    pub struct Billing {
        pub log: Arc<crate::log::Logger>,
        pub invoices: Arc<self::Invoices>,
    }
}

use billing::{Billing, Invoices};

#[module(providers = [Invoices, Billing], exports = [Billing])]
pub struct BillingModule;

#[module(imports = [log::LoggingModule, BillingModule])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
