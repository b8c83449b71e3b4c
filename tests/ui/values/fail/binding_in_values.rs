// `values = [..]` lists plain types: no bindings there.
use modkit::module;

pub trait Config {}
pub struct Env;

#[module(values = [Env as dyn Config])]
pub struct AppModule;

fn main() {}
