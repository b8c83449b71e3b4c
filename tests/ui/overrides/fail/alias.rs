// `dyn Mailer = SmtpMailer` names the provider `SmtpMailer`: the trait object is not built on
// its own, so the replacement goes to `SmtpMailer` (or the module binds `SmtpMailer as dyn Mailer`).
use std::sync::Arc;

use modkit::{App, injectable, module};

pub trait Mailer: Send + Sync {}

#[injectable]
pub struct SmtpMailer;
impl Mailer for SmtpMailer {}

pub struct FakeMailer;
impl Mailer for FakeMailer {}

#[module(providers = [SmtpMailer, dyn Mailer = SmtpMailer])]
pub struct AppModule;

fn main() {
    let _app = App::<AppModule>::builder()
        .replace_for_test::<AppModule, dyn Mailer>(Arc::new(FakeMailer))
        .build_sync();
}
