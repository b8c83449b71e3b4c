// The replica instance keeps its pool private: the generic "cannot provide" message (a private
// generic instantiation is not hinted; see ARCHITECTURE.md "Limits").
use std::marker::PhantomData;
use std::sync::Arc;
use modkit::{App, injectable, module};

pub struct Replica;

#[injectable]
pub struct Pool<I: Send + Sync + 'static> {
    #[inject(default)]
    marker: PhantomData<I>,
}

#[module(providers = [Pool<Replica>])]
pub struct ReplicaDb;

#[injectable]
pub struct Reports {
    replica: Arc<Pool<Replica>>,
}

#[module(imports = [ReplicaDb], providers = [Reports])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
