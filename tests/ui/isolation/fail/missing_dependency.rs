// `UserService` needs `Logger`, which nothing in `UserModule` provides or imports.
use std::sync::Arc;
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[injectable]
pub struct UserService {
    log: Arc<Logger>,
}

#[module(providers = [UserService])]
pub struct UserModule;

fn main() {}
