// An unknown argument to `#[injectable]`.
use modkit::injectable;

#[injectable(scpoe = request)]
pub struct Logger;

fn main() {}
