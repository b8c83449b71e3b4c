// `#[injectable]` on a union.
use modkit::{injectable, module};

#[injectable]
pub union Bits {
    a: u32,
    b: f32,
}

fn main() {}
