// `UsersModule` and `AdminModule` both contribute a route under "/users"; `WebModule` sees both.
use modkit::{App, Keyed, injectable, module};
use std::sync::Arc;

pub trait Route: Send + Sync {}

#[injectable]
pub struct Users;
impl Route for Users {}

#[injectable]
pub struct AdminUsers;
impl Route for AdminUsers {}

#[module(contribute = ["/users" => Users as dyn Route], exports = [Keyed<dyn Route>])]
pub struct UsersModule;

#[module(contribute = ["/users" => AdminUsers as dyn Route], exports = [Keyed<dyn Route>])]
pub struct AdminModule;

#[injectable]
pub struct Router {
    routes: Arc<Keyed<dyn Route>>,
}

#[module(imports = [UsersModule, AdminModule], providers = [Router])]
pub struct WebModule;

fn main() {
    let _ = App::<WebModule>::build_sync();
}
