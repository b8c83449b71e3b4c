// Hook paths and types passed through `macro_rules!` arguments expand like hand-written ones.
use modkit::{App, injectable, module, provider};

pub struct Conn;

impl Conn {
    async fn ping(&self) -> Result<(), String> {
        Ok(())
    }
}

macro_rules! factory {
    ($ty:ident, $make:ident) => {
        #[provider(init = $ty::ping)]
        pub fn $make() -> $ty {
            $ty
        }
    };
}
factory!(Conn, connect);

macro_rules! service {
    ($name:ident, $hook:ident) => {
        #[injectable(shutdown = $hook)]
        pub struct $name;

        impl $name {
            async fn $hook(&self) -> Result<(), String> {
                Ok(())
            }
        }
    };
}
service!(Cache, stop);

#[module(providers = [connect, Cache])]
pub struct AppModule;

fn main() {
    let app = block_on(App::<AppModule>::build()).unwrap();
    let _ = app.get::<Conn>();
}

// A minimal executor: the build above never waits on anything.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}
