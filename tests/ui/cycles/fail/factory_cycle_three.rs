// Three `#[provider]` factories form a cycle: `make_a -> make_b -> make_c -> make_a`.
// modkit should give one error with the path `A -> B -> C -> A`, and nothing in `main`.
use modkit::{App, module, provider};
use std::sync::Arc;

pub struct A;
pub struct B;
pub struct C;

#[provider]
pub fn make_a(_b: Arc<B>) -> A {
    A
}

#[provider]
pub fn make_b(_c: Arc<C>) -> B {
    B
}

#[provider]
pub fn make_c(_a: Arc<A>) -> C {
    C
}

#[module(providers = [make_a, make_b, make_c], exports = [make_a])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _a = app.get::<A>();
}
