// A generic module.
use modkit::{injectable, module};

#[module()]
pub struct AppModule<T>(std::marker::PhantomData<T>);

fn main() {}
