#[derive(serde::Deserialize, modkit::Config)]
pub enum DbConfig {
    Local,
    Remote,
}

fn main() {}
