// A provider less visible than its module, a value and a config are replaced; no lint fires.
#![deny(warnings)]

use std::sync::Arc;

use modkit::{App, injectable, module};

mod db {
    use std::sync::Arc;

    use modkit::{injectable, module};

    pub struct Url(pub &'static str);

    #[derive(serde::Deserialize, modkit::Config)]
    pub struct DbConfig {
        #[serde(default)]
        pub size: u32,
    }

    #[injectable]
    pub(crate) struct Pool {
        pub(crate) url: Arc<Url>,
        pub(crate) config: Arc<DbConfig>,
    }

    #[injectable]
    pub struct Users {
        pub(crate) pool: Arc<Pool>,
    }

    #[module(values = [Url], config = DbConfig, providers = [Pool, Users], exports = [Users])]
    pub struct DbModule;
}

#[module(imports = [db::DbModule])]
pub struct AppModule;

#[injectable]
pub struct Unused;

fn main() {
    let app = App::<AppModule>::builder()
        .value(db::Url("postgres://real"))
        .env_vars(Vec::<(String, String)>::new())
        .replace_for_test::<db::DbModule, db::Url>(Arc::new(db::Url("postgres://fake")))
        .replace_for_test::<db::DbModule, db::DbConfig>(Arc::new(db::DbConfig { size: 3 }))
        .build_sync()
        .unwrap();
    let pool = &app.get::<db::Users>().pool;
    assert_eq!((pool.url.0, pool.config.size), ("postgres://fake", 3));

    let fake = Arc::new(db::Pool {
        url: Arc::new(db::Url("memory")),
        config: Arc::new(db::DbConfig { size: 1 }),
    });
    let app = App::<AppModule>::builder()
        .value(db::Url("postgres://real"))
        .env_vars(Vec::<(String, String)>::new())
        .replace_for_test::<db::DbModule, db::Pool>(fake.clone())
        .build_sync()
        .unwrap();
    assert!(Arc::ptr_eq(&app.get::<db::Users>().pool, &fake));
}
