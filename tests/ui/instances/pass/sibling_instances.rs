// One instance exports its pool, the other keeps its own private: the module that uses the
// exported one compiles (the private one's hint and the exported one's impl do not overlap).
use std::marker::PhantomData;
use std::sync::Arc;
use modkit::{App, injectable, module};

pub struct Primary;
pub struct Replica;

#[injectable]
pub struct Pool<I: Send + Sync + 'static> {
    #[inject(default)]
    marker: PhantomData<I>,
}

#[injectable]
pub struct Mirror {
    pool: Arc<Pool<Replica>>,
}

#[module(providers = [Pool<Primary>], exports = [Pool<Primary>])]
pub struct PrimaryDb;

#[module(providers = [Pool<Replica>, Mirror], exports = [Mirror])]
pub struct ReplicaDb;

#[injectable]
pub struct Reports {
    primary: Arc<Pool<Primary>>,
    mirror: Arc<Mirror>,
}

#[module(imports = [PrimaryDb, ReplicaDb], providers = [Reports])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let reports = app.get::<Reports>();
    let _ = (&reports.primary, &reports.mirror.pool);
}
