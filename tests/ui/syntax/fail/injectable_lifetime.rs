// An injectable with a lifetime parameter.
use modkit::injectable;

#[injectable]
pub struct Greeting<'a> {
    #[inject(default)]
    text: &'a str,
}

fn main() {}
