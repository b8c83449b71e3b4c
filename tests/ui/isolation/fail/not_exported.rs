// `UserModule` provides `UserRepo` but keeps it private; `AppService` asks for it anyway.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct UserRepo;

#[module(providers = [UserRepo])]
pub struct UserModule;

#[injectable]
pub struct AppService {
    repo: Arc<UserRepo>,
}

#[module(imports = [UserModule], providers = [AppService])]
pub struct AppModule;

fn main() {}
