// `as` binds to a trait object.
use modkit::{injectable, module};

#[injectable]
pub struct SmtpMailer;

pub struct Mailer;

#[module(providers = [SmtpMailer as Mailer])]
pub struct AppModule;

fn main() {}
