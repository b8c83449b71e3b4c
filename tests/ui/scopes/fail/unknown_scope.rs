// `scope` is `singleton`, `transient` or `request`.
use modkit::injectable;

#[injectable(scope = per_request)]
pub struct Session;

fn main() {}
