// Unit, tuple and named injectables, `#[inject(default)]`, paths to providers and modules.
use std::sync::Arc;
use modkit::{App, injectable, module};

mod infra {
    use std::sync::Arc;
    use modkit::{injectable, module};

    #[injectable]
    pub struct Clock;

    #[injectable]
    pub struct Ticker(pub Arc<Clock>, #[inject(default)] pub u32);

    #[module(providers = [Clock, Ticker], exports = [Ticker, Clock])]
    pub struct InfraModule;
}

#[injectable]
pub struct Job {
    ticker: Arc<infra::Ticker>,
    clock: Arc<infra::Clock>,
    #[inject(default)]
    runs: std::sync::atomic::AtomicU32,
}

#[module(imports = [infra::InfraModule], providers = [Job])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let job = app.get::<Job>();
    assert!(Arc::ptr_eq(&job.ticker.0, &job.clock));
    assert_eq!(job.ticker.1, 0);
    assert_eq!(job.runs.load(std::sync::atomic::Ordering::Relaxed), 0);
}
