// A fallible provider's error must convert into a boxed `std::error::Error`.
use modkit::{module, provider};

pub struct Pool;
pub struct NotAnError;

#[provider]
pub fn connect() -> Result<Pool, NotAnError> {
    Err(NotAnError)
}

#[module(providers = [connect])]
pub struct AppModule;

fn main() {}
