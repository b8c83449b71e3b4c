// `#[injectable]` on a union.
use modkit::injectable;

#[injectable]
pub union Bits {
    a: u32,
    b: f32,
}

fn main() {}
