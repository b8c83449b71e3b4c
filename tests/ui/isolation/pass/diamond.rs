// Logger is imported along two paths and through a re-export: one instance everywhere.
use std::sync::Arc;
use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[injectable]
pub struct Users {
    log: Arc<Logger>,
}

#[module(imports = [LoggerModule], providers = [Users], exports = [Users, LoggerModule])]
pub struct UserModule;

#[injectable]
pub struct Articles {
    log: Arc<Logger>,
}

#[module(imports = [LoggerModule], providers = [Articles], exports = [Articles])]
pub struct ArticleModule;

#[injectable]
pub struct Front {
    users: Arc<Users>,
    articles: Arc<Articles>,
    log: Arc<Logger>,
}

// `Logger` arrives from `UserModule` (re-exported) and from `LoggerModule`: the same provider.
#[module(imports = [UserModule, ArticleModule, LoggerModule], providers = [Front])]
pub struct AppModule;

fn main() {
    let app = App::<AppModule>::build_sync().unwrap();
    let f = app.get::<Front>();
    assert!(Arc::ptr_eq(&f.users.log, &f.articles.log));
    assert!(Arc::ptr_eq(&f.log, &f.articles.log));
}
