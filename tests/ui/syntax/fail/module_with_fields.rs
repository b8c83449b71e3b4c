// A module struct with a field.
use modkit::module;

#[module()]
pub struct AppModule {
    name: String,
}

fn main() {}
