//! Runs one operation of the scenario in a loop, for a profiler (callgrind, perf):
//! `build_loop <build|scope|scope2|seeded> <hand|modkit|nject> [N]` (`scope2`: modkit only, a
//! second resolve in the same scope, to isolate the cost of a resolve that finds the instance made;
//! `seeded`: modkit only, a scope opened with one seed and a request provider that depends on it;
//! `scope` with `nject`: nject's scope, which builds its `RequestContext` inline and hands out a
//! reference, so no allocation).

#[path = "../benches/di/nject_app.rs"]
mod nject_app;

use modkit::App;
use modkit_bench::hand::HandApp;
use modkit_bench::mk::AppModule;
use modkit_bench::scenario::RequestContext;

/// A scope seeded with the request's id, and a request provider that depends on it.
#[allow(dead_code, reason = "the fields are made and dropped, not read")]
mod seeded {
    use std::sync::Arc;

    use modkit::{injectable, module};

    pub struct RequestId(pub u64);

    #[injectable(scope = request)]
    pub struct Traced {
        pub id: Arc<RequestId>,
    }

    #[module(seeds = [RequestId], providers = [Traced])]
    pub struct SeededModule;
}

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_else(|| "build".into());
    let which = args.next().unwrap_or_else(|| "modkit".into());
    let n: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let hand = HandApp::build();
    let mk = std::sync::Arc::new(App::<AppModule>::build_sync().expect("nothing fails"));
    let nj = nject_app::build();
    let seeded =
        std::sync::Arc::new(App::<seeded::SeededModule>::build_sync().expect("nothing fails"));
    // One loop per case, chosen before it starts: the loop body is the operation alone.
    match (op.as_str(), which.as_str()) {
        ("build", "hand") => (0..n).for_each(|_| drop(std::hint::black_box(HandApp::build()))),
        ("build", "nject") => {
            (0..n).for_each(|_| drop(std::hint::black_box(nject_app::build())));
        }
        ("build", _) => (0..n).for_each(|_| {
            drop(std::hint::black_box(
                App::<AppModule>::build_sync().expect("nothing fails"),
            ));
        }),
        ("scope", "hand") => (0..n).for_each(|_| {
            drop(std::hint::black_box(
                std::hint::black_box(&hand).request_context(),
            ));
        }),
        ("scope", "nject") => (0..n).for_each(|_| {
            let scope = std::hint::black_box(&nj).scope();
            std::hint::black_box(scope.provide::<&nject_app::RequestContext>());
        }),
        ("seeded", _) => (0..n).for_each(|i| {
            let scope = std::hint::black_box(&seeded)
                .scope_builder()
                .with(seeded::RequestId(i as u64))
                .open();
            drop(std::hint::black_box(scope.get::<seeded::Traced>()));
        }),
        ("scope2", _) => (0..n).for_each(|_| {
            let scope = std::hint::black_box(&mk).scope();
            drop(std::hint::black_box(scope.get::<RequestContext>()));
            drop(std::hint::black_box(scope.get::<RequestContext>()));
        }),
        _ => (0..n).for_each(|_| {
            let scope = std::hint::black_box(&mk).scope();
            drop(std::hint::black_box(scope.get::<RequestContext>()));
        }),
    }
}
