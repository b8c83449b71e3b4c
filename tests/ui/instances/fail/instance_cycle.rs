// A cycle among the providers of one instance: the message names the instance's module.
use std::marker::PhantomData;
use std::sync::Arc;
use modkit::{App, injectable, module};

pub struct Replica;

#[injectable]
pub struct Pool<I: Send + Sync + 'static> {
    health: Arc<Health<I>>,
}

#[injectable]
pub struct Health<I: Send + Sync + 'static> {
    pool: Arc<Pool<I>>,
    #[inject(default)]
    marker: PhantomData<I>,
}

#[module(providers = [Pool<Replica>, Health<Replica>], exports = [Pool<Replica>])]
pub struct ReplicaDb;

#[module(imports = [ReplicaDb])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
