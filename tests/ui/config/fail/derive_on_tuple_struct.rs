#[derive(serde::Deserialize, modkit::Config)]
pub struct DbConfig(String, u16);

fn main() {}
