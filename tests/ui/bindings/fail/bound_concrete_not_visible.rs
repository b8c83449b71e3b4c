// A binding hides the concrete type: a provider asking for it is refused.
use modkit::{injectable, module};
use std::sync::Arc;

pub trait Mailer: Send + Sync {}

#[injectable]
pub struct SmtpMailer;
impl Mailer for SmtpMailer {}

#[injectable]
pub struct Signup {
    mailer: Arc<SmtpMailer>,
}

#[module(providers = [SmtpMailer as dyn Mailer, Signup])]
pub struct AppModule;

fn main() {}
