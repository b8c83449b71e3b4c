//! Calls `hand_resolve` or `modkit_resolve` N times, for `scripts/resolve_asm.sh` to count
//! instructions under callgrind: `resolve_loop hand|hand_arc|modkit [N]`; `build_hand` and
//! `build_modkit` build the whole app N times instead.

use std::hint::black_box;

use modkit::App;
use modkit_bench::hand::HandApp;
use modkit_bench::mk::AppModule;
use modkit_bench::{hand_arc_resolve, hand_resolve, modkit_resolve};

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "hand".to_owned());
    let n: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut sum = 0u64;
    match which.as_str() {
        "hand" => {
            let app = HandApp::build();
            for _ in 0..n {
                sum = sum.wrapping_add(hand_resolve(black_box(&app)).quote(7, 1000));
            }
        }
        "hand_arc" => {
            let app = std::sync::Arc::new(HandApp::build());
            for _ in 0..n {
                sum = sum.wrapping_add(hand_arc_resolve(black_box(&app)).quote(7, 1000));
            }
        }
        "modkit" => {
            let app = App::<AppModule>::build_sync().expect("nothing in the scenario fails");
            for _ in 0..n {
                sum = sum.wrapping_add(modkit_resolve(black_box(&app)).quote(7, 1000));
            }
        }
        // Whole builds, for an instruction profile of `App::build_sync` against `HandApp::build`.
        "build_hand" => {
            for _ in 0..n {
                sum = sum.wrapping_add(HandApp::build().order_service().quote(7, 1000));
            }
        }
        "build_modkit" => {
            for _ in 0..n {
                let app = App::<AppModule>::build_sync().expect("nothing in the scenario fails");
                sum = sum.wrapping_add(
                    app.get::<modkit_bench::scenario::OrderService>()
                        .quote(7, 1000),
                );
            }
        }
        other => {
            eprintln!(
                "usage: resolve_loop hand|hand_arc|modkit|build_hand|build_modkit [N] (got {other:?})"
            );
            std::process::exit(2);
        }
    }
    println!("{which}: {n} resolves, checksum {sum}");
}
