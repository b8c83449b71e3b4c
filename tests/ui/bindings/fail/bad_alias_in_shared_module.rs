// `NotifyModule` aliases `dyn Notifier = Email`, but `Email` is not one of its providers;
// three modules import `NotifyModule`. modkit should give one error, at `Email` in the alias,
// and nothing in the importers or `main`.
use modkit::{App, injectable, module};
use std::sync::Arc;

pub trait Notifier: Send + Sync {}

#[injectable]
pub struct Email;
impl Notifier for Email {}

#[injectable]
pub struct Sms;
impl Notifier for Sms {}

#[module(providers = [Sms, dyn Notifier = Email], exports = [dyn Notifier])]
pub struct NotifyModule;

#[injectable]
pub struct Users {
    notify: Arc<dyn Notifier>,
}

#[module(imports = [NotifyModule], providers = [Users], exports = [Users])]
pub struct UserModule;

#[injectable]
pub struct Orders {
    notify: Arc<dyn Notifier>,
}

#[module(imports = [NotifyModule], providers = [Orders], exports = [Orders])]
pub struct OrderModule;

#[injectable]
pub struct Front {
    users: Arc<Users>,
    orders: Arc<Orders>,
    notify: Arc<dyn Notifier>,
}

#[module(imports = [UserModule, OrderModule, NotifyModule], providers = [Front])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let _front = app.get::<Front>();
}
