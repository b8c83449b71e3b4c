// A trait object the app shares across threads must be `Send + Sync`.
use modkit::{injectable, module};

pub trait Mailer {}

#[injectable]
pub struct SmtpMailer;
impl Mailer for SmtpMailer {}

#[module(providers = [SmtpMailer as dyn Mailer])]
pub struct AppModule;

fn main() {}
