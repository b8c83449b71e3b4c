// A trait-object binding is replaced by an implementation of the trait.
use std::sync::Arc;

use modkit::{App, injectable, module};

pub trait Mailer: Send + Sync {}

#[injectable]
pub struct SmtpMailer;
impl Mailer for SmtpMailer {}

pub struct NotAMailer;

#[module(providers = [SmtpMailer as dyn Mailer])]
pub struct AppModule;

fn main() {
    let _app = App::<AppModule>::builder()
        .replace_for_test::<AppModule, dyn Mailer>(Arc::new(NotAMailer))
        .build_sync();
}
