// A public provider may depend on a private type (a singleton, a transient and a request-scoped
// provider each), as plain Rust allows a private field type in a public struct.
use std::sync::Arc;
use modkit::{injectable, module, provider, App};

#[injectable]
struct Secret;

mod inner {
    #[modkit::injectable]
    pub(crate) struct Hidden;
}

#[injectable]
pub struct Service {
    secret: Arc<Secret>,
}

#[injectable(scope = transient)]
pub struct Job {
    hidden: Arc<inner::Hidden>,
}

#[injectable(scope = request)]
pub struct Handler {
    secret: Arc<Secret>,
}

pub struct Made(#[allow(dead_code)] Arc<Secret>);

#[provider]
pub fn make(secret: Arc<Secret>) -> Made {
    Made(secret)
}

#[module(providers = [Secret, inner::Hidden, Service, Job, Handler, make], exports = [Service])]
pub struct AppModule;

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    let service = app.get::<Service>();
    let job = app.get::<Job>();
    let scope = app.scope();
    let handler = scope.get::<Handler>();
    assert!(Arc::ptr_eq(&service.secret, &handler.secret));
    let _ = (&job.hidden, app.get::<Made>());
}
