// `UserService` needs `Logger`, which nothing in `UserModule` provides or imports.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Logger;

#[injectable]
pub struct UserService {
    log: Arc<Logger>,
}

#[module(providers = [UserService])]
pub struct UserModule;

fn main() {}
