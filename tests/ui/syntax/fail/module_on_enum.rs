// `#[module]` on an enum.
use modkit::{injectable, module};

#[module()]
pub enum AppModule {}

fn main() {}
