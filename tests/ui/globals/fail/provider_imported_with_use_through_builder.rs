// Known limit: a module built through its builder (`Billing` names `Invoices` by a path the
// macro cannot match) lists a provider that takes the global `Logger` by a name brought in with
// `use`: the module cannot reach the alias naming the dependency's type.
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
