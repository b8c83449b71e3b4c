// A singleton cannot hold a request-scoped provider: a captive dependency.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable(scope = request)]
pub struct Session;

#[injectable]
pub struct Audit {
    session: Arc<Session>,
}

#[module(providers = [Session, Audit])]
pub struct AppModule;

fn main() {}
