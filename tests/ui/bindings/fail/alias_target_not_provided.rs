// An alias names one of the module's own providers.
use modkit::{injectable, module};

pub trait Notifier: Send + Sync {}

#[injectable]
pub struct Email;
impl Notifier for Email {}

#[module(providers = [dyn Notifier = Email])]
pub struct AppModule;

fn main() {}
