//! Global modules (`#[module(global, ..)]`): their exports reach every module of an app that
//! contains them, without an import; a module's own providers beat its imports, which beat the
//! globals.

use std::sync::Arc;

use modkit::{App, injectable, module};

mod logging {
    use super::*;

    #[injectable]
    pub struct Logger {
        #[inject(default)]
        pub lines: std::sync::Mutex<Vec<String>>,
    }

    #[module(global, providers = [Logger], exports = [Logger])]
    pub struct LoggingModule;
}

mod users {
    use super::*;
    use crate::logging::Logger;

    /// Uses the global `Logger` without importing `LoggingModule`.
    #[injectable]
    pub struct UserService {
        pub log: Arc<Logger>,
    }

    #[module(providers = [UserService], exports = [UserService])]
    pub struct UserModule;
}

#[module(imports = [logging::LoggingModule, users::UserModule])]
pub struct AppModule;

#[test]
fn a_module_uses_a_global_export_without_importing_it() {
    let app = App::<AppModule>::build_sync().unwrap();
    let users = app.get::<users::UserService>();
    users.log.lines.lock().unwrap().push("hello".into());
    // One instance: the global module is built once, whoever reaches it.
    let logger = app.get::<logging::Logger>();
    assert!(Arc::ptr_eq(&users.log, &logger));
    assert_eq!(*logger.lines.lock().unwrap(), ["hello"]);
}

/// Precedence: a module's own provider beats an import's export, which beats a global export.
mod precedence {
    use std::sync::Arc;

    use modkit::{App, injectable, module};

    /// Which provider a `Clock` came from.
    pub struct Clock(pub &'static str);

    #[modkit::provider]
    pub fn global_clock() -> Clock {
        Clock("global")
    }

    #[modkit::provider]
    pub fn imported_clock() -> Clock {
        Clock("import")
    }

    #[modkit::provider]
    pub fn local_clock() -> Clock {
        Clock("local")
    }

    #[module(global, providers = [global_clock], exports = [global_clock])]
    pub struct GlobalClockModule;

    #[module(providers = [imported_clock], exports = [imported_clock])]
    pub struct ClockModule;

    #[injectable]
    pub struct Stamp {
        pub clock: Arc<Clock>,
    }

    #[injectable]
    pub struct Stamp2 {
        pub clock: Arc<Clock>,
    }

    #[injectable]
    pub struct Stamp3 {
        pub clock: Arc<Clock>,
    }

    /// Nothing but the global.
    #[module(providers = [Stamp], exports = [Stamp])]
    pub struct FromGlobal;

    /// An import beats the global.
    #[module(imports = [ClockModule], providers = [Stamp2], exports = [Stamp2])]
    pub struct FromImport;

    /// The module's own provider beats both.
    #[module(imports = [ClockModule], providers = [local_clock, Stamp3], exports = [Stamp3])]
    pub struct FromLocal;

    #[module(imports = [GlobalClockModule, FromGlobal, FromImport, FromLocal])]
    pub struct AppModule;

    #[test]
    fn local_beats_import_beats_global() {
        let app = App::<AppModule>::build_sync().unwrap();
        assert_eq!(app.get::<Stamp>().clock.0, "global");
        assert_eq!(app.get::<Stamp2>().clock.0, "import");
        assert_eq!(app.get::<Stamp3>().clock.0, "local");
    }
}

/// A global module reached only through another module's imports still counts: the app contains
/// it, and the module using its export is built after or before it, sharing one instance.
mod deep {
    use std::sync::Arc;

    use modkit::{App, injectable, module};

    #[injectable]
    pub struct Metrics;

    #[module(global, providers = [Metrics], exports = [Metrics])]
    pub struct MetricsModule;

    #[module(imports = [MetricsModule])]
    pub struct InfraModule;

    #[injectable]
    pub struct Orders {
        pub metrics: Arc<Metrics>,
    }

    #[module(providers = [Orders], exports = [Orders])]
    pub struct OrdersModule;

    #[injectable]
    pub struct Billing {
        pub metrics: Arc<Metrics>,
    }

    #[module(providers = [Billing], exports = [Billing])]
    pub struct BillingModule;

    /// `OrdersModule` is built before `InfraModule` (and its global), `BillingModule` after.
    #[module(imports = [OrdersModule, InfraModule, BillingModule])]
    pub struct App2Module;

    #[test]
    fn the_global_module_is_built_once_whoever_reaches_it_first() {
        let app = App::<App2Module>::build_sync().unwrap();
        assert!(Arc::ptr_eq(
            &app.get::<Orders>().metrics,
            &app.get::<Billing>().metrics
        ));
        let order = app.build_order();
        assert_eq!(order.iter().filter(|m| **m == "MetricsModule").count(), 1);
    }
}

/// The module's scope need not name the global's type: its providers are imported with `use`
/// from a file that names `Logger` its own way (a path), two providers depend on it, and one of
/// them also has a transient neighbour whose dependency is written with a path.
mod scopes {
    pub mod services {
        use std::sync::Arc;

        use modkit::injectable;

        #[injectable]
        pub struct Audit {
            pub log: Arc<crate::logging::Logger>,
        }

        #[injectable]
        pub struct Billing {
            pub log: Arc<crate::logging::Logger>,
            pub audit: Arc<Audit>,
        }

        #[injectable(scope = transient)]
        pub struct Receipt {
            pub billing: Arc<self::Billing>,
        }
    }

    use modkit::module;
    use services::{Audit, Billing};

    /// Built directly: `Logger` is never named here.
    #[module(providers = [Audit, Billing], exports = [Billing])]
    pub struct BillingModule;

    /// Built through its builder (`self::Billing` is written with a path): the module keeps the
    /// global's export in a field, so its scope names the type.
    #[allow(unused_imports, reason = "named by the module's expansion")]
    use crate::logging::Logger;

    #[module(providers = [services::Audit, services::Billing, services::Receipt], exports = [services::Receipt])]
    pub struct ReceiptModule;

    #[module(imports = [crate::logging::LoggingModule, BillingModule, ReceiptModule])]
    pub struct ShopModule;
}

#[test]
fn a_module_that_cannot_name_the_global_type_takes_it() {
    let app = App::<scopes::ShopModule>::build_sync().unwrap();
    let logger = app.get::<logging::Logger>();
    let billing = app.get::<scopes::services::Billing>();
    assert!(Arc::ptr_eq(&billing.log, &logger));
    assert!(Arc::ptr_eq(&billing.audit.log, &logger));
    let receipt = app.get::<scopes::services::Receipt>();
    assert!(Arc::ptr_eq(&receipt.billing.log, &logger));
}

/// Singletons made by an `async fn` take a global's export too: `connect` in a module built
/// directly, `connect_audited` in one built through its builder (its other dependency is written
/// with a path), which lists it by its path.
mod async_takers {
    use std::sync::Arc;

    use modkit::{injectable, module};

    pub mod db {
        use std::sync::Arc;

        use modkit::{injectable, provider};

        use crate::logging::Logger;

        pub struct Db {
            pub log: Arc<Logger>,
        }

        #[provider]
        pub async fn connect(log: Arc<Logger>) -> Db {
            tokio::task::yield_now().await;
            Db { log }
        }

        #[injectable]
        pub struct Audit;

        pub struct AuditedDb {
            pub log: Arc<Logger>,
            pub audit: Arc<Audit>,
        }

        #[provider]
        pub async fn connect_audited(log: Arc<Logger>, audit: Arc<self::Audit>) -> AuditedDb {
            tokio::task::yield_now().await;
            AuditedDb { log, audit }
        }
    }

    #[module(providers = [db::connect], exports = [db::connect])]
    pub struct DbModule;

    /// Built through its builder (`self::Audit` is written with a path): its scope names the
    /// global's type.
    #[allow(unused_imports, reason = "named by the module's expansion")]
    use crate::logging::Logger;

    #[module(providers = [db::Audit, db::connect_audited], exports = [db::Audit, db::connect_audited])]
    pub struct AuditedDbModule;

    /// A sync provider next to them, taking the logger as well.
    #[injectable]
    pub struct Reports {
        pub log: Arc<crate::logging::Logger>,
        pub db: Arc<db::Db>,
    }

    #[module(imports = [crate::logging::LoggingModule, DbModule, AuditedDbModule], providers = [Reports])]
    pub struct AppModule;
}

#[tokio::test]
async fn an_async_singleton_takes_a_global_export() {
    let app = App::<async_takers::AppModule>::build().await.unwrap();
    let logger = app.get::<logging::Logger>();
    assert!(Arc::ptr_eq(&app.get::<async_takers::db::Db>().log, &logger));
    let audited = app.get::<async_takers::db::AuditedDb>();
    assert!(Arc::ptr_eq(&audited.log, &logger));
    assert!(Arc::ptr_eq(
        &audited.audit,
        &app.get::<async_takers::db::Audit>()
    ));
    let reports = app.get::<async_takers::Reports>();
    assert!(Arc::ptr_eq(&reports.log, &logger));
    assert!(Arc::ptr_eq(&reports.db.log, &logger));
}

/// Two providers of one module take the global `Logger`: the graph shows it once in the module.
mod graph {
    use std::sync::Arc;

    use modkit::{injectable, module};

    use crate::logging::Logger;

    #[injectable]
    pub struct Audit {
        pub log: Arc<Logger>,
    }

    #[injectable]
    pub struct Billing {
        pub log: Arc<Logger>,
        pub audit: Arc<Audit>,
    }

    #[module(providers = [Audit, Billing], exports = [Billing])]
    pub struct BillingModule;

    #[module(imports = [crate::logging::LoggingModule, BillingModule])]
    pub struct ShopModule;
}

#[test]
fn the_graph_shows_a_global_export_once_per_module() {
    let app = App::<graph::ShopModule>::build_sync().unwrap();
    let billing = app.get::<graph::Billing>();
    assert!(Arc::ptr_eq(&billing.log, &billing.audit.log));
    let graph = modkit::Graph::of::<graph::ShopModule>();
    let mermaid = graph.to_mermaid();
    assert_eq!(
        mermaid.matches("BillingModule__Logger[").count(),
        1,
        "{mermaid}"
    );
    assert!(mermaid.contains("BillingModule__Audit -.-> BillingModule__Logger"));
    assert!(mermaid.contains("BillingModule__Billing -.-> BillingModule__Logger"));
    let dot = graph.to_dot();
    assert_eq!(
        dot.matches("\"BillingModule__Logger\" [label").count(),
        1,
        "{dot}"
    );
}
