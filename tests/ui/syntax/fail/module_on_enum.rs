// `#[module]` on an enum.
use modkit::module;

#[module()]
pub enum AppModule {}

fn main() {}
