// The replica's module exports the primary's pool, which it does not provide.
use std::marker::PhantomData;
use modkit::{App, injectable, module};

pub struct Primary;
pub struct Replica;

#[injectable]
pub struct Pool<I: Send + Sync + 'static> {
    #[inject(default)]
    marker: PhantomData<I>,
}

#[module(providers = [Pool<Replica>], exports = [Pool<Primary>])]
pub struct ReplicaDb;

#[module(imports = [ReplicaDb])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
