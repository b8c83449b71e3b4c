// A singleton cannot hold a transient: it would keep one instance forever.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable(scope = transient)]
pub struct Token;

#[injectable]
pub struct Signer {
    token: Arc<Token>,
}

#[module(providers = [Token, Signer])]
pub struct AppModule;

fn main() {}
