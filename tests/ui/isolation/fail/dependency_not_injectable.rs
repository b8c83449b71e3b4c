// `Mailer` asks for `Arc<String>`: no module provides `String`.
use std::sync::Arc;
use modkit::{injectable, module};

#[injectable]
pub struct Mailer {
    from: Arc<String>,
}

#[module(providers = [Mailer])]
pub struct MailModule;

fn main() {}
