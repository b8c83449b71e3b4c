// The app asks its root for `UserRepo`, which `UserModule` keeps private.
use modkit::{App, injectable, module};

#[injectable]
pub struct UserRepo;

#[module(providers = [UserRepo])]
pub struct UserModule;

#[module(imports = [UserModule])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _repo = app.get::<UserRepo>();
}
