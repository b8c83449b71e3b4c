//! Global modules (`#[module(global, ..)]`): their exports reach every module of an app that
//! contains them, without an import; a module's own providers beat its imports, which beat the
//! globals.

use std::sync::Arc;

use modkit::{App, injectable, module};

mod logging {
    use super::*;

    #[injectable]
    pub struct Logger;
    impl Logger {
        pub fn name(&self) -> &'static str {
            "global"
        }
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
    assert_eq!(users.log.name(), "global");
    // One instance: the global module is built once, whoever reaches it.
    assert!(Arc::ptr_eq(&users.log, &app.get::<logging::Logger>()));
}
