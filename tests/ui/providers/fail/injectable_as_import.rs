// An injectable listed among imports.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(imports = [Logger])]
pub struct UserModule;

fn main() {}
