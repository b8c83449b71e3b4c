// A binding is visible as the trait object only: exporting the concrete type is refused.
use modkit::{injectable, module};

pub trait Mailer: Send + Sync {}

#[injectable]
pub struct SmtpMailer;
impl Mailer for SmtpMailer {}

#[module(providers = [SmtpMailer as dyn Mailer], exports = [SmtpMailer])]
pub struct MailModule;

fn main() {}
