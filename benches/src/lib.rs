//! Runtime benchmarks of modkit against hand-written wiring, shaku and nject.
//!
//! The library holds the shared scenario ([`scenario!`]), the hand-written baseline
//! ([`hand`]) and the modkit wiring ([`mk`]); shaku and nject, dev-dependencies, are wired in
//! the bench target (`benches/di/`). `cargo bench -p modkit-bench` runs everything and prints a
//! markdown table; `scripts/resolve_asm.sh` compares the machine code of a resolve.

pub mod hand;
pub mod mk;
pub mod scenario;

use std::sync::Arc;

use modkit::App;

use crate::hand::HandApp;
use crate::mk::AppModule;
use crate::scenario::OrderService;

/// Resolves the deep singleton from the hand-wired app. Not inlined, so its machine code can be
/// read (`scripts/resolve_asm.sh`).
#[inline(never)]
#[must_use]
pub fn hand_resolve(app: &HandApp) -> Arc<OrderService> {
    app.order_service()
}

/// [`hand_resolve`] with the app behind an `Arc`, as `App` holds its root module: isolates what
/// that indirection costs.
#[inline(never)]
#[must_use]
pub fn hand_arc_resolve(app: &Arc<HandApp>) -> Arc<OrderService> {
    app.order_service()
}

/// Resolves the deep singleton from the modkit app: `app.get::<OrderService>()`. Not inlined, so
/// its machine code can be compared with [`hand_resolve`].
#[inline(never)]
#[must_use]
pub fn modkit_resolve(app: &App<AppModule>) -> Arc<OrderService> {
    app.get::<OrderService>()
}
