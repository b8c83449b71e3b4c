// UserRepo -> UserService -> UserRepo, behind an unrelated provider.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Clock;

#[injectable]
pub struct UserRepo {
    clock: Arc<Clock>,
    svc: Arc<UserService>,
}

#[injectable]
pub struct UserService {
    repo: Arc<UserRepo>,
}

#[module(providers = [Clock, UserService, UserRepo])]
pub struct UserModule;

fn main() {}
