// `Reports` needs the replica's pool; the module imports the primary instance only. The message
// names the type of the instance (`Pool<Replica>`).
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

macro_rules! db_module {
    ($module:ident, $instance:ident) => {
        #[module(providers = [Pool<$instance>], exports = [Pool<$instance>])]
        pub struct $module;
    };
}

db_module!(PrimaryDb, Primary);
db_module!(ReplicaDb, Replica);

#[injectable]
pub struct Reports {
    replica: Arc<Pool<Replica>>,
}

#[module(imports = [PrimaryDb], providers = [Reports])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
