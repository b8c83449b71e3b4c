// Transient and request providers are made on resolve, by a plain call: they cannot fail.
use modkit::provider;

pub struct Session;

#[provider(scope = request)]
pub fn open_session() -> Result<Session, String> {
    Ok(Session)
}

fn main() {}
