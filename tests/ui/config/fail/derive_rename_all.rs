#[derive(serde::Deserialize, modkit::Config)]
#[serde(rename_all = "kebab-case")]
pub struct DbConfig {
    pub max_size: u32,
}

fn main() {}
