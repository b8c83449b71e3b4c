//! A module imported along two paths exists once: every path sees the same instances.

use std::sync::Arc;

use modkit::{App, injectable, module};

#[injectable]
pub struct Logger;

#[module(providers = [Logger], exports = [Logger])]
pub struct LoggerModule;

#[injectable]
pub struct UserRepo {
    pub log: Arc<Logger>,
}

#[injectable]
pub struct UserService {
    pub repo: Arc<UserRepo>,
    pub log: Arc<Logger>,
}

#[module(imports = [LoggerModule], providers = [UserRepo, UserService], exports = [UserService])]
pub struct UserModule;

#[injectable]
pub struct ArticleService {
    pub users: Arc<UserService>,
    pub log: Arc<Logger>,
}

#[module(imports = [LoggerModule, UserModule], providers = [ArticleService], exports = [ArticleService])]
pub struct ArticleModule;

#[injectable]
pub struct AppService {
    pub users: Arc<UserService>,
    pub articles: Arc<ArticleService>,
}

#[module(imports = [UserModule, ArticleModule], providers = [AppService])]
pub struct AppModule;

#[test]
fn both_paths_see_the_same_logger() {
    let app = App::<AppModule>::build_sync().unwrap();
    let svc = app.get::<AppService>();
    assert!(Arc::ptr_eq(&svc.users.log, &svc.articles.log));
    assert!(Arc::ptr_eq(&svc.users.repo.log, &svc.articles.log));
    assert!(Arc::ptr_eq(&svc.users, &svc.articles.users));
}

#[test]
fn each_module_is_built_once_dependencies_first() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert_eq!(
        app.build_order(),
        ["LoggerModule", "UserModule", "ArticleModule", "AppModule"]
    );
}

#[test]
fn get_returns_the_built_singleton_every_time() {
    let app = App::<AppModule>::build_sync().unwrap();
    assert!(Arc::ptr_eq(
        &app.get::<AppService>(),
        &app.get::<AppService>()
    ));
    assert!(Arc::ptr_eq(
        &app.get::<UserService>(),
        &app.get::<AppService>().users
    ));
}

#[test]
fn two_apps_do_not_share_instances() {
    let a = App::<AppModule>::build_sync().unwrap();
    let b = App::<AppModule>::build_sync().unwrap();
    assert!(!Arc::ptr_eq(
        &a.get::<UserService>(),
        &b.get::<UserService>()
    ));
}
