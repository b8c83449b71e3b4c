//! Typed module config: every source and its precedence, nested keys, validation, every error
//! of a load at once, the template.

use modkit::config::{Config, Sources};

#[derive(Debug, serde::Deserialize, modkit::Config)]
pub struct PoolConfig {
    /// Connections at most.
    #[serde(default = "ten")]
    #[config(validate = positive)]
    pub max_size: u32,
    #[serde(default)]
    pub idle_secs: u64,
}

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            max_size: 10,
            idle_secs: 0,
        }
    }
}

fn ten() -> u32 {
    10
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "a validator takes its field by reference"
)]
fn positive(n: &u32) -> Result<(), String> {
    if *n == 0 {
        Err("must be at least 1".into())
    } else {
        Ok(())
    }
}

#[derive(Debug, serde::Deserialize, modkit::Config)]
pub struct DbConfig {
    /// Where the database is.
    pub url: String,
    #[serde(default = "port")]
    pub port: u16,
    #[serde(default)]
    #[config(nested)]
    pub pool: PoolConfig,
}

fn port() -> u16 {
    5432
}

fn file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("modkit-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn no_env() -> Vec<(String, String)> {
    Vec::new()
}

#[test]
fn defaults_then_file_then_env_then_code() {
    let path = file(
        "precedence.toml",
        "[db]\nurl = \"postgres://file\"\nport = 1\n[db.pool]\nmax_size = 2\nidle_secs = 3\n",
    );
    let only_file: DbConfig = Sources::new()
        .file(&path)
        .env_vars(no_env())
        .load("db")
        .unwrap();
    assert_eq!(only_file.url, "postgres://file");
    assert_eq!(
        (
            only_file.port,
            only_file.pool.max_size,
            only_file.pool.idle_secs
        ),
        (1, 2, 3)
    );

    let env = [("DB__PORT", "11"), ("DB__POOL__MAX_SIZE", "12")];
    let with_env: DbConfig = Sources::new().file(&path).env_vars(env).load("db").unwrap();
    assert_eq!(
        (
            with_env.port,
            with_env.pool.max_size,
            with_env.pool.idle_secs
        ),
        (11, 12, 3)
    );

    let with_code: DbConfig = Sources::new()
        .file(&path)
        .env_vars(env)
        .set("db", "pool.max_size", 22)
        .load("db")
        .unwrap();
    assert_eq!((with_code.port, with_code.pool.max_size), (11, 22));

    let defaults: DbConfig = Sources::new()
        .env_vars([("DB__URL", "postgres://env")])
        .load("db")
        .unwrap();
    assert_eq!(
        (
            defaults.port,
            defaults.pool.max_size,
            defaults.pool.idle_secs
        ),
        (5432, 10, 0)
    );
}

#[test]
fn env_names_come_from_the_schema_under_the_prefix() {
    // `MAX_SIZE` is one field: `_` inside a name is never nesting; `__` is.
    let env = [
        ("SHOP_DB__URL", "postgres://shop"),
        ("SHOP_DB__POOL__MAX_SIZE", "7"),
        ("DB__URL", "ignored without the prefix"),
    ];
    let db: DbConfig = Sources::new()
        .env_prefix("SHOP")
        .env_vars(env)
        .load("db")
        .unwrap();
    assert_eq!((db.url.as_str(), db.pool.max_size), ("postgres://shop", 7));
    assert_eq!(
        Sources::new()
            .env_prefix("SHOP")
            .env_name("db", "pool.max_size"),
        "SHOP_DB__POOL__MAX_SIZE"
    );
}

#[test]
fn every_error_of_a_load_is_reported_with_its_origin() {
    let path = file("errors.toml", "[db]\nport = \"high\"\nurll = \"typo\"\n");
    let env = [
        ("SHOP_DB__POOL__MAX_SIZE", "many"),
        ("SHOP_DB__POOL__IDLE_SEC", "1"),
    ];
    let err = Sources::new()
        .file(&path)
        .env_prefix("SHOP")
        .env_vars(env)
        .load::<DbConfig>("db")
        .unwrap_err();
    let shown: Vec<String> = err.errors().iter().map(ToString::to_string).collect();
    let file = path.display();
    assert_eq!(
        shown,
        [
            format!("`db.urll`: `DbConfig` has no field `urll` (from file `{file}`); its fields are: url, port, pool"),
            "no config field has this environment variable (from environment variable `SHOP_DB__POOL__IDLE_SEC`); did you mean `SHOP_DB__POOL__IDLE_SECS`?".to_owned(),
            format!("`db.url`: the value is missing, and `DbConfig` has no default for it; set `url` in the `[db]` table of `{file}`, the environment variable `SHOP_DB__URL`, or `.set(\"db\", \"url\", ..)`"),
            format!("`db.port`: invalid type: found string \"high\", expected u16 (from file `{file}`)"),
            "`db.pool.max_size`: invalid type: found string \"many\", expected u32 (from environment variable `SHOP_DB__POOL__MAX_SIZE`)".to_owned(),
        ],
        "{shown:#?}"
    );
}

#[test]
fn validators_name_the_field_and_where_its_value_came_from() {
    let err = Sources::new()
        .env_vars([("DB__URL", "x"), ("DB__POOL__MAX_SIZE", "0")])
        .load::<DbConfig>("db")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "1 config error:\n  - `db.pool.max_size`: must be at least 1 (from environment variable `DB__POOL__MAX_SIZE`)"
    );
}

#[test]
fn a_key_set_in_code_must_exist() {
    let err = Sources::new()
        .env_vars([("DB__URL", "x")])
        .set("db", "pool.max", 3)
        .load::<DbConfig>("db")
        .unwrap_err();
    assert_eq!(
        err.errors()[0].to_string(),
        "`db.pool.max`: `DbConfig` has no field `pool.max` (from set in code); its keys are: url, port, pool.max_size, pool.idle_secs"
    );
}

#[test]
fn a_missing_file_is_an_error() {
    let err = Sources::new()
        .file("/nonexistent/shop.toml")
        .env_vars([("DB__URL", "x")])
        .load::<DbConfig>("db")
        .unwrap_err();
    assert!(
        err.errors()[0]
            .message
            .contains("`/nonexistent/shop.toml` does not exist"),
        "{err}"
    );
}

#[test]
fn the_schema_lists_fields_types_defaults_docs() {
    let f = DbConfig::SCHEMA.fields();
    assert_eq!(
        f.iter()
            .map(modkit::config::Field::name)
            .collect::<Vec<_>>(),
        ["url", "port", "pool"]
    );
    assert_eq!(
        (f[0].ty(), f[0].doc(), f[0].default()),
        ("String", "Where the database is.", None)
    );
    assert_eq!(f[1].default().as_deref(), Some("5432"));
    assert_eq!(
        f[2].nested().map(modkit::config::Schema::name),
        Some("PoolConfig")
    );
    assert_eq!(
        DbConfig::SCHEMA
            .find("pool.max_size")
            .map(modkit::config::Field::doc),
        Some("Connections at most.")
    );
}

// ---------------------------------------------------------------------------------------------
// Through the app: `#[module(config = ..)]`, the builder, the template.

mod app {
    use std::sync::Arc;

    use modkit::{App, Stage, injectable, module};

    use super::{DbConfig, file};

    #[derive(Debug, serde::Deserialize, modkit::Config)]
    pub struct AuthConfig {
        /// Seconds a session lives.
        #[serde(default = "hour")]
        pub ttl: u64,
        pub secret: String,
    }

    fn hour() -> u64 {
        3600
    }

    #[injectable]
    pub struct Db {
        pub config: Arc<DbConfig>,
    }

    #[module(config = DbConfig, providers = [Db], exports = [Db])]
    pub struct DbModule;

    #[injectable]
    pub struct Sessions {
        pub config: Arc<AuthConfig>,
        pub db: Arc<Db>,
    }

    // The default name is `user_auth`; the config is exported, so importers can inject it.
    #[module(config = AuthConfig, imports = [DbModule], providers = [Sessions], exports = [Sessions, AuthConfig])]
    pub struct UserAuthModule;

    // Its own name: `[replica]`, `REPLICA__URL`; the config is exported.
    #[module(config = DbConfig, name = "replica", exports = [DbConfig])]
    pub struct ReplicaModule;

    #[module(imports = [ReplicaModule])]
    pub struct ReplicaApp;

    #[module(imports = [UserAuthModule, DbModule])]
    pub struct AppModule;

    #[test]
    fn each_module_reads_its_config_under_its_name() {
        let path = file(
            "app.toml",
            "[db]\nurl = \"postgres://file\"\n[user_auth]\nsecret = \"s3\"\n",
        );
        let app = App::<AppModule>::builder()
            .config_file(&path)
            .env_prefix("SHOP")
            .env_vars([("SHOP_DB__PORT", "6000"), ("SHOP_USER_AUTH__TTL", "60")])
            .set::<DbModule>("pool.max_size", 3)
            .build_sync()
            .unwrap();
        let sessions = app.get::<Sessions>();
        assert_eq!(
            (sessions.config.ttl, sessions.config.secret.as_str()),
            (60, "s3")
        );
        let db = &sessions.db.config;
        assert_eq!(
            (db.url.as_str(), db.port, db.pool.max_size),
            ("postgres://file", 6000, 3)
        );
        // The config is one provider: exported, the app gets the instance `Sessions` holds.
        assert!(Arc::ptr_eq(&app.get::<AuthConfig>(), &sessions.config));
    }

    #[test]
    fn every_config_error_of_the_app_at_once_and_nothing_built() {
        let err = App::<AppModule>::builder()
            .env_prefix("SHOP")
            .env_vars([
                ("SHOP_DB__PORT", "x"),
                ("SHOP_USER_AUTH__TTL", "-1"),
                ("SHOP_DB__URLL", "typo"),
            ])
            .build_sync()
            .unwrap_err();
        assert_eq!(err.stage(), Stage::Config);
        let errors = err.config_errors().unwrap().errors();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "no config field has this environment variable (from environment variable `SHOP_DB__URLL`); did you mean `SHOP_DB__URL`?",
                "DbModule: `db.url`: the value is missing, and `DbConfig` has no default for it; set `url` in the `[db]` table of a config file, the environment variable `SHOP_DB__URL`, or `.set::<DbModule>(\"url\", ..)`",
                "DbModule: `db.port`: invalid type: found string \"x\", expected u16 (from environment variable `SHOP_DB__PORT`)",
                "UserAuthModule: `user_auth.ttl`: invalid value signed int `-1`, expected u64 (from environment variable `SHOP_USER_AUTH__TTL`)",
                "UserAuthModule: `user_auth.secret`: the value is missing, and `AuthConfig` has no default for it; set `secret` in the `[user_auth]` table of a config file, the environment variable `SHOP_USER_AUTH__SECRET`, or `.set::<UserAuthModule>(\"secret\", ..)`",
            ],
            "{shown:#?}"
        );
        assert!(
            err.to_string()
                .starts_with("AppModule: 5 config errors:\n  - "),
            "{err}"
        );
    }

    #[test]
    fn a_name_of_its_own() {
        let app = App::<ReplicaApp>::builder()
            .env_vars([("REPLICA__URL", "postgres://replica")])
            .build_sync()
            .unwrap();
        assert_eq!(app.get::<DbConfig>().url, "postgres://replica");
    }

    #[test]
    fn the_template_lists_every_setting() {
        let t = App::<AppModule>::builder()
            .env_prefix("SHOP")
            .config_template();
        let envs: Vec<&str> = t.settings().iter().map(|s| s.env.as_str()).collect();
        assert_eq!(
            envs,
            [
                "SHOP_DB__URL",
                "SHOP_DB__PORT",
                "SHOP_DB__POOL__MAX_SIZE",
                "SHOP_DB__POOL__IDLE_SECS",
                "SHOP_USER_AUTH__TTL",
                "SHOP_USER_AUTH__SECRET",
            ]
        );
        let text = t.to_string();
        assert!(
            text.contains(
                "[db.pool] # module `DbModule`\n\
                 # Connections at most.\n\
                 # u32, default 10; env SHOP_DB__POOL__MAX_SIZE\n\
                 # max_size = 10\n\
                 \n\
                 # u64, default 0; env SHOP_DB__POOL__IDLE_SECS\n\
                 # idle_secs = 0\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("# String, required; env SHOP_USER_AUTH__SECRET\n# secret = <String>\n"),
            "{text}"
        );
    }
}
