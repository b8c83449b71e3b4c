// A module struct with a field.
use modkit::{injectable, module};

#[module()]
pub struct AppModule {
    name: String,
}

fn main() {}
