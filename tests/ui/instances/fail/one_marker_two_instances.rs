// Two modules declared for one marker, both imported: `Pool<Replica>` collides.
use std::marker::PhantomData;
use std::sync::Arc;
use modkit::{App, injectable, module};

pub struct Replica;

#[injectable]
pub struct Pool<I: Send + Sync + 'static> {
    #[inject(default)]
    marker: PhantomData<I>,
}

macro_rules! db_module {
    ($module:ident, $instance:ident) => {
        #[module(providers = [Pool<$instance>], exports = [Pool<$instance>])]
        pub struct $module;
    };
}

db_module!(ReplicaDb, Replica);
db_module!(ReportingDb, Replica);

#[injectable]
pub struct Reports {
    replica: Arc<Pool<Replica>>,
}

#[module(imports = [ReplicaDb, ReportingDb], providers = [Reports])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
