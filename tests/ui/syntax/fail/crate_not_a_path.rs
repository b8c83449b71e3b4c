// `crate = ..` takes the path under which the crate reaches modkit, not a string.
use modkit::module;

#[module(crate = "modkit")]
pub struct AppModule;

fn main() {}
