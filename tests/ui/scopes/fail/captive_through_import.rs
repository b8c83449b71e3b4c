// The captive check also holds across modules: the request provider comes from an import.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable(scope = request)]
pub struct Session;

#[module(providers = [Session], exports = [Session])]
pub struct SessionModule;

#[injectable]
pub struct Audit {
    session: Arc<Session>,
}

#[module(imports = [SessionModule], providers = [Audit])]
pub struct AppModule;

fn main() {}
