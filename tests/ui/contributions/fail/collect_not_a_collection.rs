// `collect = [..]` takes `All<T>` or `Keyed<T>`.
use modkit::{App, module};

pub trait Check: Send + Sync {}

#[module(collect = [dyn Check])]
pub struct AppModule;

fn main() {
    let _ = App::<AppModule>::build_sync();
}
