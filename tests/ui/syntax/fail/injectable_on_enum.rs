// `#[injectable]` on an enum.
use modkit::injectable;

#[injectable]
pub enum Mode {
    Fast,
    Safe,
}

fn main() {}
