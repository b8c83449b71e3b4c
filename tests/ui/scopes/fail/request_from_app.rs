// `App::get` resolves outside any request scope, so a request-scoped type is refused there.
use modkit::{App, injectable, module};

#[injectable(scope = request)]
pub struct Session;

#[module(providers = [Session])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _ = app.get::<Session>();
}
