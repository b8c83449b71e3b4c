// `UserModule` exports `Mailer`, which it neither provides nor imports.
use modkit::{injectable, module};

#[injectable]
pub struct UserService;

#[injectable]
pub struct Mailer;

#[module(providers = [UserService], exports = [UserService, Mailer])]
pub struct UserModule;

fn main() {}
