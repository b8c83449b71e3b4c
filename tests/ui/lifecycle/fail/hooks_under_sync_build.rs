// Lifecycle hooks are async, so a graph with hooks cannot be built with `build_sync()`.
use modkit::{App, injectable, module};

#[injectable(init = start)]
pub struct Cache;

impl Cache {
    async fn start(&self) -> Result<(), String> {
        Ok(())
    }
}

#[module(providers = [Cache])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
