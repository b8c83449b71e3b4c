// An unknown argument to `#[injectable]`.
use modkit::{injectable, module};

#[injectable(scope = singleton)]
pub struct Logger;

fn main() {}
