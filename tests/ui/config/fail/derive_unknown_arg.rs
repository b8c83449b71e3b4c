#[derive(serde::Deserialize, modkit::Config)]
pub struct PoolConfig {
    pub max_size: u32,
}

#[derive(serde::Deserialize, modkit::Config)]
pub struct DbConfig {
    #[config(nest)]
    pub pool: PoolConfig,
}

fn main() {}
