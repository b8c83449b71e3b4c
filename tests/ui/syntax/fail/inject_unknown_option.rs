// `#[inject(defualt)]`: a typo in the field option.
use modkit::injectable;

#[injectable]
pub struct Counter {
    #[inject(defualt)]
    count: u64,
}

fn main() {}
