// UserRepo -> UserService -> Audit -> UserRepo
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct UserRepo {
    svc: Arc<UserService>,
}

#[injectable]
pub struct UserService {
    audit: Arc<Audit>,
}

#[injectable]
pub struct Audit {
    repo: Arc<UserRepo>,
}

#[module(providers = [UserRepo, UserService, Audit])]
pub struct UserModule;

fn main() {}
