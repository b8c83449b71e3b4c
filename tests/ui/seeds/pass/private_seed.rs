// A seed type less visible than its module: it is named in bounds only, never in a public
// associated type (no E0446), and it still reaches the scope check through an importer.
use modkit::{App, injectable, module};
use std::sync::Arc;

mod http {
    use super::*;

    pub(crate) struct RequestId(pub u64);
    struct Secret(u64);

    #[injectable(scope = request)]
    pub struct Handler {
        id: Arc<RequestId>,
        secret: Arc<Secret>,
    }

    impl Handler {
        pub fn sum(&self) -> u64 {
            self.id.0 + self.secret.0
        }
    }

    #[module(seeds = [RequestId, Secret], providers = [Handler], exports = [Handler])]
    pub struct HttpModule;

    pub fn open(app: &Arc<App<super::AppModule>>, id: u64) -> modkit::Scope<super::AppModule> {
        app.scope_builder().with(Secret(1)).with(RequestId(id)).open()
    }
}

#[module(imports = [http::HttpModule])]
pub struct AppModule;

fn main() {
    let app = Arc::new(App::<AppModule>::build_sync().unwrap());
    assert_eq!(http::open(&app, 41).get::<http::Handler>().sum(), 42);
}
