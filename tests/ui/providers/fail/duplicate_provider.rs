// The same provider listed twice.
use modkit::{injectable, module};

#[injectable]
pub struct UserRepo;

#[module(providers = [UserRepo, UserRepo])]
pub struct UserModule;

fn main() {}
