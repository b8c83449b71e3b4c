// A singleton of an instance holds a request-scoped provider of the same instance.
use std::marker::PhantomData;
use std::sync::Arc;
use modkit::{App, injectable, module};

pub struct Replica;

#[injectable(scope = request)]
pub struct Conn<I: Send + Sync + 'static> {
    #[inject(default)]
    marker: PhantomData<I>,
}

#[injectable]
pub struct Pool<I: Send + Sync + 'static> {
    conn: Arc<Conn<I>>,
}

#[module(providers = [Conn<Replica>, Pool<Replica>], exports = [Pool<Replica>])]
pub struct ReplicaDb;

#[module(imports = [ReplicaDb])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
