// A bare hook name on a factory whose output has generic arguments: the hook is called as
// `<Pool<u8>>::close`, not `Pool<u8>::close` (not an expression; found by fuzzing).
use modkit::{App, module, provider};

pub struct Pool<T>(T);

impl<T> Pool<T> {
    pub async fn close(&self) -> Result<(), std::io::Error> {
        Ok(())
    }
}

#[provider(shutdown = close)]
pub fn make_pool() -> Pool<u8> {
    Pool(7)
}

#[module(providers = [make_pool], exports = [make_pool])]
pub struct DbModule;

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    rt.block_on(async {
        let app = App::<DbModule>::build().await.unwrap();
        assert_eq!(app.get::<Pool<u8>>().0, 7);
        app.shutdown().await.unwrap();
    });
}
