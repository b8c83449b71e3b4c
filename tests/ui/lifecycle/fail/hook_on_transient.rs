// Hooks run on singletons only.
use modkit::injectable;

#[injectable(scope = transient, shutdown = stop)]
pub struct Job;

impl Job {
    async fn stop(&self) -> Result<(), String> {
        Ok(())
    }
}

fn main() {}
