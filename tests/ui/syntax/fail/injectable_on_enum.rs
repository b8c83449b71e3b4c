// `#[injectable]` on an enum.
use modkit::{injectable, module};

#[injectable]
pub enum Mode {
    Fast,
    Safe,
}

fn main() {}
