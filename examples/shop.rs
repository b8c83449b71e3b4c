//! Medusa's "module isolation" scenario wired by modkit: brand, product, CMS, payments and reports
//! modules, a global logger module (its `Logger` reaches every module without an import), two
//! instances of one database module (a primary that takes the writes and a replica that serves
//! the reads, each with its own config), health checks three modules contribute to one
//! collection, a brand-sync workflow with compensation, and a checkout handled in one request
//! scope per incoming request. Run it with `cargo run --example shop`.
//!
//! Read it top to bottom: the modules first, then `main`, which
//! 1. prints the app's config template, then builds the app (async, the settings of each
//!    database from its table of `examples/shop.toml` and its `SHOP_PRIMARY_DB__*` or
//!    `SHOP_REPLICA_DB__*` variables) while lifecycle hooks print what starts,
//! 2. runs the brand workflow and shows the logger shared by every module,
//! 3. serves two requests, each in its own request scope, writing to the primary and reading
//!    from the replica, then prints a report read from the replica and runs the health checks
//!    that `CmsModule`, `PaymentsModule` and `ReportsModule` contribute,
//! 4. prints the graph, shuts the app down (hooks in reverse start order),
//! 5. builds a second app whose replica cannot connect, and shows the error and the rollback.

#![allow(
    clippy::unused_async,
    reason = "lifecycle hooks are `async fn` (modkit awaits them); the pretend ones here await nothing"
)]

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use modkit::{All, App, injectable, module, provider};

// ---- Values: what `main` hands to the app when it builds it -------------------------------------

/// Whether a lifecycle hook was an `init` or a `shutdown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hook {
    Init,
    Shutdown,
}

/// The list of lifecycle hooks that ran, in order. `main` keeps a clone and hands another to the
/// app as a value (`LoggerModule` lists it in `values = [..]`): both share one list, so `main`
/// can read it after `shutdown`, and even after a build that failed.
#[derive(Clone, Default)]
pub struct Journal(Arc<Mutex<Vec<(Hook, &'static str)>>>);

impl Journal {
    fn record(&self, hook: Hook, provider: &'static str) {
        self.0
            .lock()
            .expect("journal lock poisoned")
            .push((hook, provider));
    }

    /// The providers whose `hook` ran, in the order it ran.
    pub(crate) fn ran(&self, hook: Hook) -> Vec<&'static str> {
        let events = self.0.lock().expect("journal lock poisoned");
        events
            .iter()
            .filter(|(h, _)| *h == hook)
            .map(|(_, provider)| *provider)
            .collect()
    }
}

// ---- LoggerModule: a global module, used by five modules that do not import it -----------------

/// Prints every line and keeps it, so we can count what all modules logged. `lifecycle` is what
/// the other modules' hooks call to print a line and note it in the `Journal`.
#[injectable]
pub struct Logger {
    journal: Arc<Journal>,
    #[inject(default)]
    lines: Mutex<Vec<String>>,
}

impl Logger {
    fn log(&self, scope: &str, message: &str) {
        let line = format!("[{scope}] {message}");
        println!("{line}");
        self.lines.lock().expect("logger lock poisoned").push(line);
    }

    fn line_count(&self) -> usize {
        self.lines.lock().expect("logger lock poisoned").len()
    }

    fn lifecycle(&self, hook: Hook, provider: &'static str, what: &str) {
        let name = match hook {
            Hook::Init => "init",
            Hook::Shutdown => "shutdown",
        };
        self.log("lifecycle", &format!("{name} {provider}: {what}"));
        self.journal.record(hook, provider);
    }
}

// `global`: every module of an app that contains `LoggerModule` sees its exports without
// importing it. `BrandModule`, `CmsModule`, `PaymentsModule` and both database instances take
// `Arc<Logger>` and list no import; `AppModule` imports `LoggerModule` once (an app must contain
// its global modules: without that import, `App::<AppModule>::builder().build()` does not
// compile, and the message says where to add it). One `Logger` is built per app, whoever asks
// first. A global module is built synchronously by the first module that takes its exports, so
// it has no `async fn` provider and no hook (`Logger` has none).
#[module(global, values = [Journal], providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

// ---- Health checks: a collection several modules contribute to ----------------------------------

/// One health check. `ReportsModule`, `PaymentsModule` and `CmsModule` each contribute one
/// (`contribute = [ReplicaHealth as dyn HealthCheck]`) and export their collection
/// (`exports = [All<dyn HealthCheck>]`); `AppModule`'s `Health` injects all of them.
pub trait HealthCheck: Send + Sync {
    /// What is checked.
    fn name(&self) -> &'static str;
    /// Whether it is healthy.
    ///
    /// # Errors
    /// What is wrong.
    fn check(&self) -> Result<(), String>;
}

// ---- PrimaryDb and ReplicaDb: one database module, two instances --------------------------------

/// The settings of one database connection. Each instance reads its own under its own config
/// name: `PrimaryDb` from the `[primary_db]` table of `examples/shop.toml` and `SHOP_PRIMARY_DB__*`
/// variables, `ReplicaDb` from `[replica_db]` and `SHOP_REPLICA_DB__*` (variables win over the
/// file, values set in code over both). `App::config_template()` prints every setting.
#[derive(Debug, serde::Deserialize, modkit::Config)]
pub struct DbConfig {
    /// `memory://<host>/<database>` is the only kind of database this demo can reach.
    pub url: String,
    /// How long the pretend connection takes, in milliseconds.
    #[serde(default = "default_latency")]
    #[config(validate = latency_in_range)]
    pub connect_latency_ms: u64,
}

fn default_latency() -> u64 {
    5
}

/// A connection that takes longer than a second is a typo, not a slow network.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "a config validator takes its field by reference, whatever the field's type"
)]
fn latency_in_range(ms: &u64) -> Result<(), String> {
    if *ms <= 1000 {
        Ok(())
    } else {
        Err(format!("{ms} ms is more than the 1000 ms allowed"))
    }
}

/// What a connection is for. Each database instance provides a `Db<R>` of its own role, so a
/// provider asks for the connection it needs by its type.
pub trait Role: Send + Sync + 'static {
    /// How the printout names the role.
    const NAME: &'static str;
}

/// The primary: the one connection that writes.
pub struct Primary;

impl Role for Primary {
    const NAME: &'static str = "primary";
}

/// A read replica: it sees what the primary wrote, and has no method that writes.
pub struct Replica;

impl Role for Replica {
    const NAME: &'static str = "replica";
}

#[derive(Clone, Debug)]
pub struct Order {
    pub id: u32,
    pub customer: String,
    pub product: String,
    pub cents: u64,
    pub receipt: String,
}

/// The orders of one database.
type Orders = Arc<Mutex<Vec<Order>>>;

/// The pretend database server, standing in for the network: every connection to
/// `memory://<host>/<database>` reaches the same orders of `<database>`, whichever host it names,
/// as a primary and its replicas do.
static SERVER: Mutex<BTreeMap<String, Orders>> = Mutex::new(BTreeMap::new());

/// A connection to the shop's database in role `R` (`Db<Primary>`, `Db<Replica>`).
pub struct Db<R: Role> {
    url: String,
    orders: Orders,
    log: Arc<Logger>,
    /// The provider that made it, as the lifecycle lines name it.
    provider: &'static str,
    role: PhantomData<R>,
}

/// Reads: any connection can.
impl<R: Role> Db<R> {
    fn orders_of(&self, customer: &str) -> Vec<Order> {
        let orders = self.orders.lock().expect("db lock poisoned");
        orders
            .iter()
            .filter(|order| order.customer == customer)
            .cloned()
            .collect()
    }

    fn revenue_by_customer(&self) -> BTreeMap<String, u64> {
        let mut revenue = BTreeMap::new();
        for order in self.orders.lock().expect("db lock poisoned").iter() {
            *revenue.entry(order.customer.clone()).or_default() += order.cents;
        }
        revenue
    }

    // init hook: a health check, as a real pool runs `SELECT 1` before the app takes traffic.
    async fn ping(&self) -> Result<(), DbError> {
        let what = format!("{} {} answers", R::NAME, self.url);
        self.log.lifecycle(Hook::Init, self.provider, &what);
        Ok(())
    }

    // shutdown hook: closes the connection.
    async fn close(&self) -> Result<(), DbError> {
        let what = format!("{} {} closed", R::NAME, self.url);
        self.log.lifecycle(Hook::Shutdown, self.provider, &what);
        Ok(())
    }
}

/// Writes: the primary only. `Db<Replica>` has no `insert_order`, so a write through the
/// replica does not compile.
impl Db<Primary> {
    fn insert_order(&self, customer: &str, product: &str, cents: u64, receipt: String) -> Order {
        let mut orders = self.orders.lock().expect("db lock poisoned");
        let order = Order {
            id: u32::try_from(orders.len()).expect("fewer than 2^32 orders") + 1,
            customer: customer.to_owned(),
            product: product.to_owned(),
            cents,
            receipt,
        };
        orders.push(order.clone());
        order
    }
}

#[derive(Debug)]
pub enum DbError {
    Unreachable(String),
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::Unreachable(url) => write!(
                f,
                "cannot connect to {url:?}: only memory://<host>/<database> databases exist here"
            ),
        }
    }
}

impl Error for DbError {}

/// Connects in role `R`: `async` (the sleep stands in for the network round trip) and fallible.
async fn connect<R: Role>(
    provider: &'static str,
    config: &DbConfig,
    log: Arc<Logger>,
) -> Result<Db<R>, DbError> {
    let role = R::NAME;
    println!("[db {role}] connecting to {:?}", config.url);
    tokio::time::sleep(Duration::from_millis(config.connect_latency_ms)).await;
    let database = config
        .url
        .strip_prefix("memory://")
        .and_then(|rest| rest.split_once('/'))
        .map(|(_host, database)| database)
        .filter(|database| !database.is_empty())
        .ok_or_else(|| DbError::Unreachable(config.url.clone()))?;
    let mut server = SERVER.lock().expect("server lock poisoned");
    let orders = Arc::clone(server.entry(database.to_owned()).or_default());
    println!("[db {role}] connected to database {database:?}");
    Ok(Db {
        url: config.url.clone(),
        orders,
        log,
        provider,
        role: PhantomData,
    })
}

/// The database module, written once and stamped out per instance:
/// `db_module!(Module, Role, "config name", factory)`. Each instance is a module of its own, with
/// its own config (under its own name) and its own export, `Db<Role>`; every rule modkit checks
/// holds for each, and an instance imported along two paths is built once.
macro_rules! db_module {
    ($module:ident, $role:ident, $name:literal, $connect:ident) => {
        /// A factory provider: its parameters are its dependencies (this instance's `DbConfig`,
        /// the global `Logger`), its return value is what it provides. An `Err` stops
        /// `App::build`, which reports it as a `BuildError`. Its hooks are generic methods of
        /// `Db<R>`.
        ///
        /// # Errors
        /// `DbError::Unreachable` for any URL but `memory://<host>/<database>`.
        #[provider(init = Db::ping, shutdown = Db::close)]
        pub async fn $connect(
            config: Arc<DbConfig>,
            log: Arc<Logger>,
        ) -> Result<Db<$role>, DbError> {
            connect(stringify!($connect), &config, log).await
        }

        // A factory is exported under its function name; importers see the `Db<..>` it returns.
        #[module(config = DbConfig, name = $name, providers = [$connect], exports = [$connect])]
        pub struct $module;
    };
}

// Config names `primary_db` (`[primary_db]`, `SHOP_PRIMARY_DB__URL`) and `replica_db`.
db_module!(PrimaryDb, Primary, "primary_db", connect_primary);
db_module!(ReplicaDb, Replica, "replica_db", connect_replica);

// ---- ReportsModule: reports read from the replica, and never load the primary -------------------

/// Revenue per customer, read from the replica.
#[injectable]
pub struct SalesReport {
    replica: Arc<Db<Replica>>,
}

impl SalesReport {
    fn revenue_by_customer(&self) -> BTreeMap<String, u64> {
        self.replica.revenue_by_customer()
    }
}

/// The replica's health check: the reports read from it.
#[injectable]
pub struct ReplicaHealth {
    replica: Arc<Db<Replica>>,
}

impl HealthCheck for ReplicaHealth {
    fn name(&self) -> &'static str {
        "replica"
    }
    fn check(&self) -> Result<(), String> {
        // Reading answers: the replica is reachable.
        let _ = self.replica.revenue_by_customer();
        Ok(())
    }
}

#[module(
    imports = [ReplicaDb],
    providers = [SalesReport],
    contribute = [ReplicaHealth as dyn HealthCheck],
    exports = [SalesReport, All<dyn HealthCheck>],
)]
pub struct ReportsModule;

// ---- PaymentsModule: a trait-object binding -----------------------------------------------------

#[derive(Debug)]
pub struct PaymentError(String);

impl fmt::Display for PaymentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "payment declined: {}", self.0)
    }
}

impl Error for PaymentError {}

/// What the rest of the shop knows about payments. It never names the implementation.
pub trait PaymentGateway: Send + Sync {
    /// Charges `cents` to `customer` and returns the receipt id.
    ///
    /// # Errors
    /// When the gateway declines the payment.
    fn charge(&self, customer: &str, cents: u64) -> Result<String, PaymentError>;
}

/// A pretend Stripe client.
pub struct FakeStripe {
    log: Arc<Logger>,
    charges: AtomicU32,
}

impl PaymentGateway for FakeStripe {
    fn charge(&self, customer: &str, cents: u64) -> Result<String, PaymentError> {
        if cents == 0 {
            return Err(PaymentError(format!("{customer} tried to pay nothing")));
        }
        let number = self.charges.fetch_add(1, Ordering::Relaxed) + 1;
        let receipt = format!("ch_{number:04}");
        self.log.log(
            "payments",
            &format!("charged {customer} {cents} cents: {receipt}"),
        );
        Ok(receipt)
    }
}

impl FakeStripe {
    async fn open(&self) -> Result<(), PaymentError> {
        self.log
            .lifecycle(Hook::Init, "payment_gateway", "API key checked");
        Ok(())
    }

    async fn close(&self) -> Result<(), PaymentError> {
        let count = self.charges.load(Ordering::Relaxed);
        let what = format!("{count} charge(s) settled");
        self.log.lifecycle(Hook::Shutdown, "payment_gateway", &what);
        Ok(())
    }
}

/// A factory with lifecycle hooks: paths to functions that take `&FakeStripe`.
#[provider(init = FakeStripe::open, shutdown = FakeStripe::close)]
pub fn payment_gateway(log: Arc<Logger>) -> FakeStripe {
    FakeStripe {
        log,
        charges: AtomicU32::new(0),
    }
}

// `payment_gateway as dyn PaymentGateway`: the module builds a `FakeStripe`, and every module,
// this one included, sees it only as `dyn PaymentGateway`; importers get an `Arc<dyn ..>`.
/// The gateway's health check: a zero charge must be declined.
#[injectable]
pub struct GatewayHealth {
    gateway: Arc<dyn PaymentGateway>,
}

impl HealthCheck for GatewayHealth {
    fn name(&self) -> &'static str {
        "payments"
    }
    fn check(&self) -> Result<(), String> {
        match self.gateway.charge("health", 0) {
            Err(_) => Ok(()),
            Ok(receipt) => Err(format!("a zero charge went through: {receipt}")),
        }
    }
}

#[module(
    providers = [payment_gateway as dyn PaymentGateway],
    contribute = [GatewayHealth as dyn HealthCheck],
    exports = [dyn PaymentGateway, All<dyn HealthCheck>],
)]
pub struct PaymentsModule;

// ---- BrandModule: BrandStore is private, only BrandService is exported --------------------------

#[derive(Clone, Debug)]
pub struct Brand {
    pub id: u32,
    pub name: String,
}

impl fmt::Display for Brand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{} {:?}", self.id, self.name)
    }
}

/// The brand module's data. No other module can ask for it.
#[injectable]
pub struct BrandStore {
    #[inject(default)]
    table: Mutex<(u32, Vec<Brand>)>,
}

#[injectable]
pub struct BrandService {
    store: Arc<BrandStore>,
    log: Arc<Logger>,
}

impl BrandService {
    fn create_brand(&self, name: &str) -> Brand {
        let mut table = self.store.table.lock().expect("brand lock poisoned");
        let (last_id, rows) = &mut *table;
        *last_id += 1;
        let brand = Brand {
            id: *last_id,
            name: name.to_owned(),
        };
        rows.push(brand.clone());
        self.log.log("brand", &format!("created {brand}"));
        brand
    }

    fn delete_brand(&self, id: u32) {
        let mut table = self.store.table.lock().expect("brand lock poisoned");
        if let Some(index) = table.1.iter().position(|brand| brand.id == id) {
            let brand = table.1.remove(index);
            self.log.log("brand", &format!("deleted {brand}"));
        }
    }

    fn list_brands(&self) -> Vec<Brand> {
        self.store
            .table
            .lock()
            .expect("brand lock poisoned")
            .1
            .clone()
    }
}

#[module(providers = [BrandStore, BrandService], exports = [BrandService])]
pub struct BrandModule;

// ---- ProductModule: refers to brands by id only, it does not import BrandModule ----------------

#[injectable]
pub struct ProductService {
    #[inject(default)]
    products: Mutex<Vec<(String, u32)>>,
}

impl ProductService {
    pub(crate) fn create_product(&self, title: &str, brand_id: u32) {
        println!("[product] created {title:?} for brand #{brand_id}");
        let mut products = self.products.lock().expect("product lock poisoned");
        products.push((title.to_owned(), brand_id));
    }

    fn count_for_brand(&self, brand_id: u32) -> usize {
        let products = self.products.lock().expect("product lock poisoned");
        products.iter().filter(|(_, id)| *id == brand_id).count()
    }

    fn exists(&self, title: &str) -> bool {
        let products = self.products.lock().expect("product lock poisoned");
        products.iter().any(|(t, _)| t == title)
    }
}

#[module(providers = [ProductService], exports = [ProductService])]
pub struct ProductModule;

// ---- CmsModule: a pretend third-party CMS behind CmsService -------------------------------------

#[derive(Debug)]
pub struct CmsError(Brand);

impl fmt::Display for CmsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the CMS rejected brand {}: names must be ASCII", self.0)
    }
}

impl Error for CmsError {}

/// The remote CMS: brand names keyed by brand id. It rejects any non-ASCII name. Its hooks open
/// and close the pretend connection.
#[injectable(init = connect, shutdown = disconnect)]
pub struct CmsClient {
    log: Arc<Logger>,
    #[inject(default)]
    entries: Mutex<BTreeMap<u32, String>>,
}

impl CmsClient {
    async fn connect(&self) -> Result<(), CmsError> {
        self.log
            .lifecycle(Hook::Init, "CmsClient", "session opened");
        Ok(())
    }

    async fn disconnect(&self) -> Result<(), CmsError> {
        let count = self.entries.lock().expect("cms lock poisoned").len();
        let what = format!("session closed, the CMS holds {count} brand(s)");
        self.log.lifecycle(Hook::Shutdown, "CmsClient", &what);
        Ok(())
    }
}

#[injectable]
pub struct CmsService {
    client: Arc<CmsClient>,
    log: Arc<Logger>,
}

impl CmsService {
    fn create_brand(&self, brand: &Brand) -> Result<(), CmsError> {
        if !brand.name.is_ascii() {
            self.log.log("cms", &format!("REJECTED {brand}"));
            return Err(CmsError(brand.clone()));
        }
        let mut entries = self.client.entries.lock().expect("cms lock poisoned");
        entries.insert(brand.id, brand.name.clone());
        self.log.log("cms", &format!("created {brand}"));
        Ok(())
    }

    fn delete_brand(&self, brand: &Brand) {
        let mut entries = self.client.entries.lock().expect("cms lock poisoned");
        entries.remove(&brand.id);
        self.log.log("cms", &format!("deleted {brand}"));
    }

    fn brand_names(&self) -> Vec<String> {
        let entries = self.client.entries.lock().expect("cms lock poisoned");
        entries.values().cloned().collect()
    }
}

/// The CMS session's health check.
#[injectable]
pub struct CmsHealth {
    cms: Arc<CmsClient>,
}

impl HealthCheck for CmsHealth {
    fn name(&self) -> &'static str {
        "cms"
    }
    fn check(&self) -> Result<(), String> {
        let entries = self.cms.entries.lock().map_err(|_| "cms lock poisoned")?;
        if entries.len() > 1000 {
            return Err(format!("{} brands: the CMS is full", entries.len()));
        }
        Ok(())
    }
}

#[module(
    providers = [CmsClient, CmsService],
    contribute = [CmsHealth as dyn HealthCheck],
    exports = [CmsService, All<dyn HealthCheck>],
)]
pub struct CmsModule;

// ---- AppModule: the SyncBrands workflow and the per-request checkout ----------------------------

#[derive(Debug)]
pub struct SyncError {
    cause: CmsError,
    rolled_back: usize,
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (cause, count) = (&self.cause, self.rolled_back);
        write!(f, "sync failed ({cause}); rolled back {count} brand(s)")
    }
}

impl Error for SyncError {}

/// Lists the brands and creates each in the CMS. When a step fails, it compensates: it deletes
/// every brand this run created, newest first, so the CMS is left as it was.
#[injectable]
pub struct SyncBrands {
    brands: Arc<BrandService>,
    cms: Arc<CmsService>,
}

impl SyncBrands {
    fn run(&self) -> Result<usize, SyncError> {
        let brands = self.brands.list_brands();
        println!("[sync] step 1: listed {} brand(s)", brands.len());
        let mut created: Vec<Brand> = Vec::new();
        for brand in brands {
            if let Err(cause) = self.cms.create_brand(&brand) {
                let rolled_back = created.len();
                println!("[sync] step 2 failed, compensating {rolled_back} brand(s)");
                for done in created.iter().rev() {
                    self.cms.delete_brand(done);
                }
                return Err(SyncError { cause, rolled_back });
            }
            created.push(brand);
        }
        let count = created.len();
        println!("[sync] step 2: created {count} brand(s) in the CMS");
        Ok(count)
    }
}

/// What one incoming request works with: made once per request scope, dropped with it. Its
/// dependencies are singletons from four modules, shared by every request: it writes through
/// the primary and reads through the replica.
pub struct RequestContext {
    id: u32,
    primary: Arc<Db<Primary>>,
    replica: Arc<Db<Replica>>,
    payments: Arc<dyn PaymentGateway>,
    products: Arc<ProductService>,
}

impl RequestContext {
    pub(crate) fn checkout(
        &self,
        customer: &str,
        product: &str,
        cents: u64,
    ) -> Result<Order, Box<dyn Error>> {
        let id = self.id;
        if !self.products.exists(product) {
            return Err(format!("request #{id}: no product {product:?}").into());
        }
        let receipt = self.payments.charge(customer, cents)?;
        let order = self.primary.insert_order(customer, product, cents, receipt);
        let url = &self.primary.url;
        println!(
            "[request #{id}] order #{} written to the primary {url}",
            order.id
        );
        Ok(order)
    }

    /// Prints the customer's orders, read from the replica.
    fn show_order_history(&self, customer: &str) {
        let orders = self.replica.orders_of(customer);
        let (id, url) = (self.id, &self.replica.url);
        let ids: Vec<u32> = orders.iter().map(|order| order.id).collect();
        println!("[request #{id}] {customer}'s orders {ids:?} read from the replica {url}");
    }
}

/// Numbers the requests, for the printout.
static NEXT_REQUEST_ID: AtomicU32 = AtomicU32::new(1);

/// A request-scoped factory: `scope.get::<RequestContext>()` calls it the first time a scope asks,
/// and hands the same instance to every later ask in that scope.
#[provider(scope = request)]
pub fn open_request(
    primary: Arc<Db<Primary>>,
    replica: Arc<Db<Replica>>,
    payments: Arc<dyn PaymentGateway>,
    products: Arc<ProductService>,
) -> RequestContext {
    let id = NEXT_REQUEST_ID.fetch_add(1, Ordering::Relaxed);
    println!("[request #{id}] RequestContext made");
    RequestContext {
        id,
        primary,
        replica,
        payments,
        products,
    }
}

// `ReplicaDb` is imported here and by `ReportsModule`: one module, built once.
#[module(
    imports = [
        LoggerModule,
        BrandModule,
        ProductModule,
        CmsModule,
        PaymentsModule,
        PrimaryDb,
        ReplicaDb,
        ReportsModule,
    ],
    providers = [SyncBrands, open_request, Health],
)]
pub struct AppModule;

/// Every health check the app's imports contribute, in import order.
#[injectable]
pub struct Health {
    checks: Arc<All<dyn HealthCheck>>,
}

impl Health {
    /// Each check's name and result.
    #[must_use]
    pub fn report(&self) -> Vec<(&'static str, Result<(), String>)> {
        self.checks.iter().map(|c| (c.name(), c.check())).collect()
    }
}

// ---- main: one function per section of the output --------------------------------------------

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    println!("== config: every setting of the app, as the builder's config_template() prints it");
    let template = App::<AppModule>::builder()
        .env_prefix("SHOP")
        .config_template();
    println!("{template}");
    println!(
        "== build: App::builder().config_file(..).env_prefix(\"SHOP\").value(journal).build().await"
    );
    let journal = Journal::default();
    let app = App::<AppModule>::builder()
        .config_file(shop_toml())
        .env_prefix("SHOP")
        .value(journal.clone())
        .build()
        .await?;
    // Shared with the request scopes, which hold a clone of the `Arc`.
    let app = Arc::new(app);

    show_start_order(&app, &journal);
    run_brand_workflow(&app)?;
    serve_two_requests(&app)?;
    show_sales_report(&app);
    check_health(&app);

    let build_order = app.build_order();
    println!("\n== build order: every module once, ReplicaDb too\n{build_order:?}");
    assert_eq!(build_order.iter().filter(|m| **m == "ReplicaDb").count(), 1);
    println!("\n== Mermaid\n{}", app.graph().to_mermaid());
    println!("== DOT\n{}", app.graph().to_dot());

    println!("== shutdown: app.shutdown().await runs the shutdown hooks in reverse start order");
    app.shutdown().await?;
    let inits = journal.ran(Hook::Init);
    let shutdowns = journal.ran(Hook::Shutdown);
    println!("init order:     {inits:?}");
    println!("shutdown order: {shutdowns:?}");
    assert_eq!(
        shutdowns,
        reversed(&inits),
        "shutdown is the exact reverse of init"
    );

    fail_to_build().await
}

/// Every singleton, in the order the app built it (and ran its `init` hook, if it has one).
fn show_start_order(app: &App<AppModule>, journal: &Journal) {
    println!("\n== start order: (module, provider), dependencies first; init hooks ran in it");
    for (n, (module, provider)) in app.start_order().iter().enumerate() {
        println!("{:>2}. {module} > {provider}", n + 1);
    }
    let inits = journal.ran(Hook::Init);
    println!("init hooks ran for: {inits:?}");
    let hooked_in_start_order: Vec<&str> = app
        .start_order()
        .iter()
        .map(|(_, provider)| *provider)
        .filter(|provider| inits.contains(provider))
        .collect();
    assert_eq!(
        inits, hooked_in_start_order,
        "init hooks run in start order"
    );
}

/// Brands and products, the sync workflow with its compensation, and the shared logger.
fn run_brand_workflow(app: &App<AppModule>) -> Result<(), Box<dyn Error>> {
    let brands = app.get::<BrandService>();
    let products = app.get::<ProductService>();
    let cms = app.get::<CmsService>();
    let sync = app.get::<SyncBrands>();

    println!("\n== create brands and products");
    let acme = brands.create_brand("Acme");
    let globex = brands.create_brand("Globex");
    let creme = brands.create_brand("Crème Royale");
    products.create_product("Rocket skates", acme.id);
    products.create_product("Anvil", acme.id);
    products.create_product("Hammock", globex.id);
    println!("Acme has {} product(s)", products.count_for_brand(acme.id));

    println!("\n== sync #1: the CMS rejects one name, the workflow compensates");
    match sync.run() {
        Ok(count) => println!("unexpected: synced {count} brand(s)"),
        Err(error) => println!("{error}"),
    }
    let names = cms.brand_names();
    println!("CMS holds: {names:?}");
    assert!(names.is_empty(), "compensation must empty the CMS");

    println!("\n== sync #2: after deleting the rejected brand");
    brands.delete_brand(creme.id);
    let count = sync.run()?;
    let names = cms.brand_names();
    println!("synced {count} brand(s); CMS holds: {names:?}");

    println!(
        "\n== one Logger, from the global LoggerModule: BrandModule, CmsModule, PaymentsModule and both databases take it without an import"
    );
    let same = Arc::ptr_eq(&brands.log, &cms.log);
    println!("Arc::ptr_eq(brand logger, cms logger) = {same}");
    let lines = brands.log.line_count();
    println!("it logged {lines} line(s) for all modules");
    assert!(same, "LoggerModule must be built once per app");
    Ok(())
}

/// Handles one incoming request: opens a request scope, resolves the context twice (as a
/// middleware and the handler would), checks out (a write: the primary) and lists the customer's
/// orders (a read: the replica). The scope ends with the function; the context is returned only
/// so that the caller can compare two requests.
fn handle_checkout(
    app: &Arc<App<AppModule>>,
    customer: &str,
    product: &str,
    cents: u64,
) -> Result<Arc<RequestContext>, Box<dyn Error>> {
    let scope = app.scope();
    let ctx = scope.get::<RequestContext>();
    let again = scope.get::<RequestContext>();
    assert!(Arc::ptr_eq(&ctx, &again), "one scope, one RequestContext");
    let order = ctx.checkout(customer, product, cents)?;
    println!(
        "[request #{}] {} bought {:?} for {} cents (receipt {})",
        ctx.id, order.customer, order.product, order.cents, order.receipt
    );
    ctx.show_order_history(customer);
    Ok(ctx)
}

/// Two requests: two scopes, two `RequestContext`s, the same singletons behind both.
fn serve_two_requests(app: &Arc<App<AppModule>>) -> Result<(), Box<dyn Error>> {
    println!("\n== two requests, one request scope each");
    let first = handle_checkout(app, "alice", "Anvil", 4_999)?;
    let second = handle_checkout(app, "bob", "Hammock", 12_500)?;
    let two_contexts = !Arc::ptr_eq(&first, &second);
    let (a, b) = (first.id, second.id);
    println!("two requests got two RequestContexts (#{a} and #{b}): {two_contexts}");
    let shared = Arc::ptr_eq(&first.primary, &second.primary)
        && Arc::ptr_eq(&first.replica, &second.replica)
        && Arc::ptr_eq(&first.payments, &second.payments)
        && Arc::ptr_eq(&first.products, &second.products);
    println!(
        "both use the same Db<Primary>, Db<Replica>, dyn PaymentGateway and ProductService: {shared}"
    );
    // The root module sees the bound gateway as `dyn PaymentGateway` too: the same instance.
    let gateway: Arc<dyn PaymentGateway> = app.get::<dyn PaymentGateway>();
    let same_gateway = Arc::ptr_eq(&gateway, &first.payments);
    println!("app.get::<dyn PaymentGateway>() is the requests' gateway: {same_gateway}");
    assert!(two_contexts && shared && same_gateway);
    Ok(())
}

/// `ReportsModule` reads from the replica. It imports `ReplicaDb` itself, as `AppModule` does:
/// the two paths reach one module, built once, so there is one `Db<Replica>` in the app.
fn show_sales_report(app: &App<AppModule>) {
    println!("\n== sales report: ReportsModule reads from the replica");
    let report = app.get::<SalesReport>();
    for (customer, cents) in report.revenue_by_customer() {
        println!("{customer}: {cents} cents");
    }
    let replica = app.get::<Db<Replica>>();
    let one_replica = Arc::ptr_eq(&report.replica, &replica);
    println!("ReportsModule and AppModule both import ReplicaDb, one Db<Replica>: {one_replica}");
    let primary = app.get::<Db<Primary>>();
    println!(
        "app.get::<Db<Primary>>() is the other instance: {}",
        primary.url
    );
    assert!(
        one_replica,
        "an instance reached along two paths is built once"
    );
}

/// The health checks three modules contribute, gathered by `Health` in `AppModule`.
fn check_health(app: &App<AppModule>) {
    println!(
        "\n== health: checks contributed by CmsModule, PaymentsModule and ReportsModule (import order)"
    );
    let report = app.get::<Health>().report();
    for (name, result) in &report {
        println!(
            "{name:>9}: {}",
            result.as_ref().map_or_else(String::as_str, |()| "ok")
        );
    }
    let names: Vec<&str> = report.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["cms", "payments", "replica"]);
    assert!(report.iter().all(|(_, r)| r.is_ok()));
}

/// A second app, whose replica is configured (in code, over the file) with a database
/// `connect_replica` cannot reach: the build fails, and what had started before it, the primary
/// included, was shut down again, in reverse order.
async fn fail_to_build() -> Result<(), Box<dyn Error>> {
    println!("\n== a build that fails: the replica's url points at a database that does not exist");
    let journal = Journal::default();
    let result = App::<AppModule>::builder()
        .config_file(shop_toml())
        .env_prefix("SHOP")
        .set::<ReplicaDb>("url", "postgres://replica.internal/shop")
        .value(journal.clone())
        .build()
        .await;
    let Err(error) = result else {
        return Err("the build with a postgres:// URL should have failed".into());
    };
    println!("BuildError: {error}");
    let (provider, stage, path) = (error.provider(), error.stage(), error.path());
    println!("  provider {provider:?}, stage {stage:?}, path {path:?}");
    let started = journal.ran(Hook::Init);
    let stopped = journal.ran(Hook::Shutdown);
    println!("started before the failure: {started:?}");
    println!("shut down by the build:     {stopped:?}");
    assert!(
        !started.is_empty(),
        "providers built before connect_replica started"
    );
    assert_eq!(
        stopped,
        reversed(&started),
        "the build shuts down what started"
    );
    assert!(error.shutdown_errors().is_empty());
    Ok(())
}

/// `examples/shop.toml`, wherever the example is run from.
fn shop_toml() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop.toml")
}

fn reversed<'a>(names: &[&'a str]) -> Vec<&'a str> {
    names.iter().rev().copied().collect()
}
