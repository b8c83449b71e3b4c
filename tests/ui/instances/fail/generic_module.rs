// A module generic over its instance: one error, which says how instances are declared.
use std::marker::PhantomData;
use std::sync::Arc;
use modkit::{App, injectable, module};

pub struct Replica;

#[injectable]
pub struct Pool<I: Send + Sync + 'static> {
    #[inject(default)]
    marker: PhantomData<I>,
}

#[module(providers = [Pool<I>], exports = [Pool<I>])]
pub struct DbModule<I>(PhantomData<I>);

#[injectable]
pub struct Reports {
    replica: Arc<Pool<Replica>>,
}

#[module(imports = [DbModule<Replica>], providers = [Reports])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
