// A generic module.
use modkit::module;

#[module()]
pub struct AppModule<T>(std::marker::PhantomData<T>);

fn main() {}
