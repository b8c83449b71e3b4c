// The same provider listed twice under two paths.
use modkit::module;

mod users {
    use modkit::injectable;

    #[injectable]
    pub struct UserRepo;
}
use users::UserRepo;

#[module(providers = [UserRepo, users::UserRepo])]
pub struct UserModule;

fn main() {}
