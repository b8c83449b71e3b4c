// A provider cycle whose edge is written with a path (`crate::users::UserService`): the macro
// cannot tell the edge by its spelling, so the compiler finds the cycle; one error, at the module.
use modkit::{App, injectable, module};
use std::sync::Arc;

mod users {
    use super::UserRepo;
    use std::sync::Arc;

    #[modkit::injectable]
    pub struct UserService {
        pub repo: Arc<UserRepo>,
    }
}

#[injectable]
pub struct UserRepo {
    service: Arc<crate::users::UserService>,
}

#[module(providers = [users::UserService, UserRepo])]
pub struct UserModule;

fn main() {
    let _ = App::<UserModule>::build_sync();
}
