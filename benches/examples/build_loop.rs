//! Builds the scenario's app in a loop, for a profiler: `build_loop modkit|hand [N]`.

use modkit::App;
use modkit_bench::hand::HandApp;
use modkit_bench::mk::AppModule;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "modkit".into());
    let n: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    for _ in 0..n {
        if which == "hand" {
            std::hint::black_box(HandApp::build());
        } else {
            std::hint::black_box(App::<AppModule>::build_sync().expect("nothing fails"));
        }
    }
}
