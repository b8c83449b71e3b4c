//! Module instances: the same module shape used twice in one app (a primary and a replica
//! database; a repository module per entity), each instance a module of its own with its own
//! providers, its own config under its own name, built once however many paths reach it.
//!
//! The design (README "Module instances"): an instance is a module per marker type. The
//! providers are generic over the marker (`Pool<Replica>`), so what each instance exports is
//! told apart by type, and the module is written once as a `macro_rules!` taking the instance's
//! name, marker and config name.

use std::marker::PhantomData;
use std::sync::Arc;

use modkit::{App, injectable, module};

#[derive(Debug, serde::Deserialize, modkit::Config)]
pub struct DbConfig {
    /// Where the database is.
    pub url: String,
}

/// A database instance: a marker type.
pub trait Instance: Send + Sync + 'static {}
pub struct Primary;
impl Instance for Primary {}
pub struct Replica;
impl Instance for Replica {}

#[injectable]
pub struct Pool<I: Instance> {
    pub config: Arc<DbConfig>,
    #[inject(default)]
    marker: PhantomData<I>,
}

/// The database module, once per instance: `db_module!(PrimaryDb, Primary, "db")`.
macro_rules! db_module {
    ($module:ident, $instance:ident, $name:literal) => {
        #[module(config = DbConfig, name = $name, providers = [Pool<$instance>], exports = [Pool<$instance>])]
        pub struct $module;
    };
}

db_module!(PrimaryDb, Primary, "db");
db_module!(ReplicaDb, Replica, "db_replica");

#[injectable]
pub struct Reports {
    pub primary: Arc<Pool<Primary>>,
    pub replica: Arc<Pool<Replica>>,
}

// `ReplicaDb` is reached along two paths: directly and through `ReportsModule`.
#[module(imports = [PrimaryDb, ReplicaDb], providers = [Reports], exports = [Reports, ReplicaDb])]
pub struct ReportsModule;

#[injectable]
pub struct Backup {
    pub replica: Arc<Pool<Replica>>,
}

#[module(imports = [ReportsModule, ReplicaDb], providers = [Backup], exports = [Backup])]
pub struct AppModule;

fn app() -> App<AppModule> {
    App::<AppModule>::builder()
        .env_vars([
            ("DB__URL", "postgres://primary"),
            ("DB_REPLICA__URL", "postgres://replica"),
        ])
        .build_sync()
        .unwrap()
}

#[test]
fn two_instances_have_their_own_providers_and_config() {
    let app = app();
    let reports = app.get::<Reports>();
    assert_eq!(reports.primary.config.url, "postgres://primary");
    assert_eq!(reports.replica.config.url, "postgres://replica");
    assert!(!Arc::ptr_eq(
        &reports.primary.config,
        &reports.replica.config
    ));
}

#[test]
fn an_instance_reached_along_two_paths_is_built_once() {
    let app = app();
    let reports = app.get::<Reports>();
    let backup = app.get::<Backup>();
    assert!(Arc::ptr_eq(&reports.replica, &backup.replica));
    assert!(Arc::ptr_eq(&app.get::<Pool<Replica>>(), &backup.replica));
    let names = app.build_order();
    assert_eq!(
        names.iter().filter(|n| **n == "ReplicaDb").count(),
        1,
        "{names:?}"
    );
}

#[test]
fn each_instance_reads_its_own_config_name() {
    let err = App::<AppModule>::builder()
        .env_vars([("DB__URL", "postgres://primary")])
        .build_sync()
        .unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("`db_replica.url`"), "{shown}");
    assert!(!shown.contains("`db.url`"), "{shown}");
}

// forFeature: a repository module per entity.

pub trait Entity: Send + Sync + 'static {
    const TABLE: &'static str;
}
pub struct User;
impl Entity for User {
    const TABLE: &'static str = "users";
}
pub struct Order;
impl Entity for Order {
    const TABLE: &'static str = "orders";
}

#[injectable]
pub struct Store;

#[module(providers = [Store], exports = [Store])]
pub struct StoreModule;

#[injectable]
pub struct Repo<E: Entity> {
    pub store: Arc<Store>,
    #[inject(default)]
    entity: PhantomData<E>,
}

impl<E: Entity> Repo<E> {
    #[must_use]
    pub fn table(&self) -> &'static str {
        E::TABLE
    }
}

macro_rules! repo_module {
    ($module:ident, $entity:ident) => {
        #[module(imports = [StoreModule], providers = [Repo<$entity>], exports = [Repo<$entity>])]
        pub struct $module;
    };
}

repo_module!(UserRepos, User);
repo_module!(OrderRepos, Order);

#[injectable]
pub struct Checkout {
    pub users: Arc<Repo<User>>,
    pub orders: Arc<Repo<Order>>,
}

#[module(imports = [UserRepos, OrderRepos], providers = [Checkout])]
pub struct ShopModule;

#[test]
fn a_repository_module_per_entity() {
    let app = App::<ShopModule>::build_sync().unwrap();
    let checkout = app.get::<Checkout>();
    assert_eq!(checkout.users.table(), "users");
    assert_eq!(checkout.orders.table(), "orders");
    // One `StoreModule` under both instances.
    assert!(Arc::ptr_eq(&checkout.users.store, &checkout.orders.store));
}

// Two instances given one config name: the app's build says so, before building anything.

db_module!(CopyDb, Replica, "db");

#[module(imports = [PrimaryDb, CopyDb])]
pub struct ClashModule;

#[test]
fn two_instances_under_one_config_name_is_an_error() {
    let err = App::<ClashModule>::builder()
        .env_vars([("DB__URL", "postgres://primary")])
        .build_sync()
        .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("modules `PrimaryDb` and `CopyDb` both name their config `db`"),
        "{shown}"
    );
}
