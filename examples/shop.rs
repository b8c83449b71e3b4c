//! Medusa's "module isolation" scenario (brand, product, CMS and logger modules plus a brand-sync
//! workflow with compensation) wired by modkit. Run it with `cargo run --example shop`.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt;
use std::sync::{Arc, Mutex};

use modkit::{App, injectable, module};

// ---- LoggerModule: imported by BrandModule and by CmsModule, built once -------------------------

/// Prints every line and keeps it, so we can count what all modules logged.
#[injectable]
pub struct Logger {
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
}

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

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

#[module(imports = [LoggerModule], providers = [BrandStore, BrandService], exports = [BrandService])]
pub struct BrandModule;

// ---- ProductModule: refers to brands by id only, it does not import BrandModule ----------------

#[injectable]
pub struct ProductService {
    #[inject(default)]
    products: Mutex<Vec<(String, u32)>>,
}

impl ProductService {
    fn create_product(&self, title: &str, brand_id: u32) {
        println!("[product] created {title:?} for brand #{brand_id}");
        let mut products = self.products.lock().expect("product lock poisoned");
        products.push((title.to_owned(), brand_id));
    }

    fn count_for_brand(&self, brand_id: u32) -> usize {
        let products = self.products.lock().expect("product lock poisoned");
        products.iter().filter(|(_, id)| *id == brand_id).count()
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

/// The remote CMS: brand names keyed by brand id. It rejects any non-ASCII name.
#[injectable]
pub struct CmsClient {
    #[inject(default)]
    entries: Mutex<BTreeMap<u32, String>>,
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

#[module(imports = [LoggerModule], providers = [CmsClient, CmsService], exports = [CmsService])]
pub struct CmsModule;

// ---- AppModule: the SyncBrands workflow ---------------------------------------------------------

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

#[module(imports = [BrandModule, ProductModule, CmsModule], providers = [SyncBrands])]
pub struct AppModule;

fn main() -> Result<(), Box<dyn Error>> {
    let app = App::<AppModule>::build_sync().unwrap();
    let brands = app.get::<BrandService>();
    let products = app.get::<ProductService>();
    let cms = app.get::<CmsService>();
    let sync = app.get::<SyncBrands>();

    println!("== create brands and products");
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

    println!("\n== one Logger, imported by BrandModule and by CmsModule");
    let same = Arc::ptr_eq(&brands.log, &cms.log);
    println!("Arc::ptr_eq(brand logger, cms logger) = {same}");
    let lines = brands.log.line_count();
    println!("it logged {lines} line(s) for both modules");
    assert!(same, "LoggerModule must be built once per app");

    println!("\n== build order\n{:?}", app.build_order());
    println!("\n== Mermaid\n{}", app.graph().to_mermaid());
    println!("== DOT\n{}", app.graph().to_dot());
    Ok(())
}
