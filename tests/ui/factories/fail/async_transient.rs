// Transient and request providers are made on resolve, by a plain call: no async.
use modkit::provider;

pub struct Token;

#[provider(scope = transient)]
pub async fn make_token() -> Token {
    Token
}

fn main() {}
