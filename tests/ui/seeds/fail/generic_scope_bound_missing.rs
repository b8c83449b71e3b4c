// Generic code opens a scope without saying the module's scopes need no seeds: the bound to add
// is `M: OpensScope<(), I>`.
use modkit::{App, Module};
use std::sync::Arc;

fn open<M: Module>(app: &Arc<App<M>>) {
    let _ = app.scope();
}

fn main() {}
