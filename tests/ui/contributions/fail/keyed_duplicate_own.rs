// One module contributes two routes under one key.
use modkit::{App, injectable, module};

pub trait Route: Send + Sync {}

#[injectable]
pub struct Users;
impl Route for Users {}

#[injectable]
pub struct AdminUsers;
impl Route for AdminUsers {}

#[module(contribute = ["/users" => Users as dyn Route, "/users" => AdminUsers as dyn Route])]
pub struct WebModule;

fn main() {
    let _ = App::<WebModule>::build_sync();
}
