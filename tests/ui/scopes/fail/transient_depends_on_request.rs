// A transient can be made outside a request scope, so it cannot depend on a request provider.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable(scope = request)]
pub struct Session;

#[injectable(scope = transient)]
pub struct Query {
    session: Arc<Session>,
}

#[module(providers = [Session, Query])]
pub struct AppModule;

fn main() {}
