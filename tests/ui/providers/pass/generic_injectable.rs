// A generic injectable, provided under two instantiations, with a bound and a default field.
use std::marker::PhantomData;
use std::sync::Arc;
use modkit::{App, injectable, module};

pub trait Entity: Send + Sync + 'static {
    const TABLE: &'static str;
}
pub struct User;
impl Entity for User {
    const TABLE: &'static str = "users";
}
pub struct Order;
impl Entity for Order {
    const TABLE: &'static str = "orders";
}

#[injectable]
pub struct Db;

#[injectable]
pub struct Repo<E: Entity> {
    db: Arc<Db>,
    #[inject(default)]
    entity: PhantomData<E>,
}

impl<E: Entity> Repo<E> {
    pub fn table(&self) -> &'static str {
        E::TABLE
    }
}

#[injectable]
pub struct Shop {
    users: Arc<Repo<User>>,
    orders: Arc<Repo<Order>>,
}

#[module(providers = [Db, Repo<User>, Repo<Order>], exports = [Repo<User>, Repo<Order>])]
pub struct DataModule;

#[module(imports = [DataModule], providers = [Shop])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let shop = app.get::<Shop>();
    assert_eq!(shop.users.table(), "users");
    assert_eq!(shop.orders.table(), "orders");
    assert!(Arc::ptr_eq(&shop.users.db, &shop.orders.db));
}
