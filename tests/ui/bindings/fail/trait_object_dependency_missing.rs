// A provider depends on a trait object nobody binds: the message names it as written.
use std::sync::Arc;
use modkit::{injectable, module, App};

pub trait Mailer: Send + Sync {}

#[injectable]
pub struct Signup {
    mailer: Arc<dyn Mailer>,
}

#[module(providers = [Signup])]
pub struct AppModule;

fn main() {
    let _app = App::<AppModule>::build_sync();
}
