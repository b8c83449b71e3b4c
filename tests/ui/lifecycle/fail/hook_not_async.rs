// A hook is an `async fn(&self) -> Result<(), E>`; a plain fn is refused.
use modkit::injectable;

#[injectable(init = start)]
pub struct Cache;

impl Cache {
    fn start(&self) -> Result<(), String> {
        Ok(())
    }
}

fn main() {}
