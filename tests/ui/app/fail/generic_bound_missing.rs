// Generic code resolves a type without saying the module provides it: the bound to add is
// `M: Provides<Clock>`. The message is modkit's; the "consider further restricting" suggestion
// is rustc's, which names the deepest failing bound (see ARCHITECTURE.md, "limits").
use modkit::{App, Module, injectable};

#[injectable]
pub struct Clock;

fn stamp<M: Module>(app: &App<M>) {
    let _ = app.get::<Clock>();
}

fn main() {}
