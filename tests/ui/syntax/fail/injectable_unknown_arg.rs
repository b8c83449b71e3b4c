// An unknown argument to `#[injectable]`.
use modkit::injectable;

#[injectable(scope = singleton)]
pub struct Logger;

fn main() {}
