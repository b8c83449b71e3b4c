//! `cargo bench -p modkit-bench`: the same scenario (`modkit_bench::scenario!`) wired by hand,
//! by modkit, by shaku and by nject, measured in four criterion groups, one function per
//! contender; then a markdown table of the medians (see `table.rs`).
//!
//! Pass criterion's usual arguments after `--` (`cargo bench -p modkit-bench -- resolve`); set
//! `MODKIT_BENCH_SECS` to change the measurement time per function (default 2 s).

mod nject_app;
mod shaku_app;
mod table;

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use modkit::App;
use modkit_bench::hand::HandApp;
use modkit_bench::mk::AppModule;
use modkit_bench::scenario as sc;
use shaku::{HasComponent, HasProvider};

/// A user id and an amount for `OrderService::quote`.
const USER: u64 = 7;
const CENTS: u64 = 1000;

/// Builds the whole app; the built app is dropped in the timed loop too.
fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.bench_function("hand", |b| b.iter(HandApp::build));
    g.bench_function("modkit", |b| {
        b.iter(|| App::<AppModule>::build_sync().expect("nothing in the scenario fails"));
    });
    g.bench_function("shaku", |b| b.iter(shaku_app::build));
    g.bench_function("nject", |b| b.iter(nject_app::build));
    g.finish();
}

/// Resolves `OrderService` (four levels above `Config`) from a built app and calls a method.
fn resolve_deep(c: &mut Criterion) {
    let mut g = c.benchmark_group("resolve_deep");
    let hand = HandApp::build();
    g.bench_function("hand", |b| {
        b.iter(|| {
            black_box(&hand)
                .order_service()
                .quote(black_box(USER), CENTS)
        });
    });
    let mk = App::<AppModule>::build_sync().expect("nothing in the scenario fails");
    g.bench_function("modkit", |b| {
        b.iter(|| {
            black_box(&mk)
                .get::<sc::OrderService>()
                .quote(black_box(USER), CENTS)
        });
    });
    let sh = shaku_app::build();
    g.bench_function("shaku", |b| {
        b.iter(|| {
            HasComponent::<shaku_app::OrderService>::resolve(black_box(&sh))
                .quote(black_box(USER), CENTS)
        });
    });
    let nj = nject_app::build();
    g.bench_function("nject", |b| {
        b.iter(|| {
            black_box(&nj)
                .provide::<std::sync::Arc<nject_app::OrderService>>()
                .quote(black_box(USER), CENTS)
        });
    });
    g.finish();
}

/// Opens a request scope, resolves `RequestContext` (three singleton dependencies) in it, and
/// drops both.
fn request_scope(c: &mut Criterion) {
    let mut g = c.benchmark_group("request_scope");
    let hand = HandApp::build();
    g.bench_function("hand", |b| b.iter(|| black_box(&hand).request_context()));
    let mk =
        std::sync::Arc::new(App::<AppModule>::build_sync().expect("nothing in the scenario fails"));
    g.bench_function("modkit", |b| {
        b.iter(|| {
            let scope = black_box(&mk).scope();
            black_box(scope.get::<sc::RequestContext>());
        });
    });
    let sh = shaku_app::build();
    g.bench_function("shaku", |b| {
        b.iter(|| {
            HasProvider::<shaku_app::RequestContext>::provide(black_box(&sh))
                .expect("the provider does not fail")
        });
    });
    let nj = nject_app::build();
    g.bench_function("nject", |b| {
        b.iter(|| {
            let scope = black_box(&nj).scope();
            black_box(scope.provide::<&nject_app::RequestContext>());
        });
    });
    g.finish();
}

/// Resolves the transient `AuditEvent`: a new instance every time.
fn transient(c: &mut Criterion) {
    let mut g = c.benchmark_group("transient");
    let hand = HandApp::build();
    g.bench_function("hand", |b| b.iter(|| black_box(&hand).audit_event()));
    let mk = App::<AppModule>::build_sync().expect("nothing in the scenario fails");
    g.bench_function("modkit", |b| {
        b.iter(|| black_box(&mk).get::<sc::AuditEvent>());
    });
    let sh = shaku_app::build();
    g.bench_function("shaku", |b| {
        b.iter(|| {
            HasProvider::<shaku_app::AuditEvent>::provide(black_box(&sh))
                .expect("the provider does not fail")
        });
    });
    let nj = nject_app::build();
    g.bench_function("nject", |b| {
        b.iter(|| black_box(&nj).provide::<std::sync::Arc<nject_app::AuditEvent>>());
    });
    g.finish();
}

fn main() {
    let started = std::time::SystemTime::now();
    let out = table::criterion_dir();
    let secs = std::env::var("MODKIT_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(2.0);
    let mut c = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs_f64(secs))
        .output_directory(&out)
        .configure_from_args();
    build(&mut c);
    resolve_deep(&mut c);
    request_scope(&mut c);
    transient(&mut c);
    c.final_summary();

    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and criterion then runs
    // each function once without measuring: no table.
    let args: Vec<String> = std::env::args().collect();
    let measuring = args.iter().any(|a| a == "--bench")
        && !args
            .iter()
            .any(|a| a == "--test" || a == "--list" || a.starts_with("--profile-time"));
    if measuring {
        table::print(&out, started);
    }
}
