// `Mailer` asks for `Arc<String>`: no module provides `String`.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Mailer {
    from: Arc<String>,
}

#[module(providers = [Mailer])]
pub struct MailModule;

fn main() {}
