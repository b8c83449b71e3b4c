//! The static graph: modules, providers, imports, exports and dependency edges, as Mermaid and DOT.

use std::sync::Arc;

use modkit::{App, Graph, injectable, module};

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
}

#[module(imports = [LoggerModule], providers = [UserRepo, UserService], exports = [UserService])]
pub struct UserModule;

#[module(imports = [UserModule, LoggerModule])]
pub struct AppModule;

#[test]
fn every_module_once_root_first() {
    let g = Graph::of::<AppModule>();
    let names: Vec<_> = g.modules().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["AppModule", "UserModule", "LoggerModule"]);
}

#[test]
fn info_holds_providers_exports_and_edges() {
    let g = Graph::of::<AppModule>();
    let user = g
        .modules()
        .iter()
        .find(|m| m.name() == "UserModule")
        .expect("UserModule in graph");
    let providers: Vec<_> = user
        .providers()
        .iter()
        .map(|p| (p.name(), p.exported()))
        .collect();
    assert_eq!(providers, [("UserRepo", false), ("UserService", true)]);
    let repo_deps: Vec<_> = user.providers()[0]
        .deps()
        .iter()
        .map(|d| (d.module(), d.ty(), d.local()))
        .collect();
    assert_eq!(repo_deps, [("LoggerModule", "Logger", None)]);
    let svc_deps: Vec<_> = user.providers()[1]
        .deps()
        .iter()
        .map(|d| (d.module(), d.ty(), d.local()))
        .collect();
    assert_eq!(svc_deps, [("UserModule", "UserRepo", Some(0))]);
    assert_eq!(user.exports().len(), 1);
    assert_eq!(
        (user.exports()[0].name(), user.exports()[0].origin()),
        ("UserService", "UserModule")
    );
}

#[test]
fn mermaid_has_imports_and_dependency_edges() {
    let m = App::<AppModule>::build_sync().unwrap().graph().to_mermaid();
    assert!(m.starts_with("flowchart TB\n"));
    assert!(m.contains("  AppModule --> UserModule\n"));
    assert!(m.contains("  UserModule --> LoggerModule\n"));
    assert!(m.contains("  UserModule__UserRepo -.-> LoggerModule__Logger\n"));
    assert!(m.contains("  UserModule__UserService -.-> UserModule__UserRepo\n"));
    assert!(m.contains("UserModule__UserService[\"UserService (pub)\"]"));
    assert!(m.contains("UserModule__UserRepo[\"UserRepo\"]"));
}

#[test]
fn dot_has_clusters_and_edges() {
    let d = Graph::of::<AppModule>().to_dot();
    assert!(d.starts_with("digraph modkit {"));
    assert!(d.contains("subgraph \"cluster_UserModule\""));
    assert!(d.contains("\"UserModule__UserRepo\" -> \"LoggerModule__Logger\" [style=dashed];"));
    assert!(d.contains("lhead=\"cluster_LoggerModule\""));
    assert!(d.trim_end().ends_with('}'));
}

mod kinds {
    use std::sync::Arc;

    use modkit::info::Kind;
    use modkit::{Graph, injectable, module};

    pub struct Config;

    #[injectable]
    pub struct Db {
        _config: Arc<Config>,
    }

    #[injectable(scope = transient)]
    pub struct Query;

    #[injectable(scope = request)]
    pub struct Session {
        _db: Arc<Db>,
    }

    #[module(values = [Config], providers = [Db, Query, Session], exports = [Session])]
    pub struct KindsModule;

    #[test]
    fn provider_kinds_are_in_the_info_and_the_pictures() {
        let info = Graph::of::<KindsModule>().modules()[0];
        let kinds: Vec<(&str, Kind)> = info
            .providers()
            .iter()
            .map(|p| (p.name(), p.kind()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Db", Kind::Singleton),
                ("Query", Kind::Transient),
                ("Session", Kind::Request),
                ("Config", Kind::Value),
            ]
        );
        let mermaid = Graph::of::<KindsModule>().to_mermaid();
        assert!(mermaid.contains("[\"Db\"]"), "{mermaid}");
        assert!(mermaid.contains("[\"Query (transient)\"]"), "{mermaid}");
        assert!(
            mermaid.contains("[\"Session (pub, request)\"]"),
            "{mermaid}"
        );
        assert!(mermaid.contains("[\"Config (value)\"]"), "{mermaid}");
        let dot = Graph::of::<KindsModule>().to_dot();
        assert!(
            dot.contains("[label=\"Session (request)\", style=bold]"),
            "{dot}"
        );
    }
}
