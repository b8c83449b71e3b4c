// The bound struct must implement the trait.
use modkit::{injectable, module};

pub trait Mailer: Send + Sync {}

#[injectable]
pub struct SmtpMailer;

#[module(providers = [SmtpMailer as dyn Mailer])]
pub struct AppModule;

fn main() {}
