// A module that imports itself.
use modkit::{injectable, module};

#[injectable]
pub struct Logger;

#[module(imports = [LoggerModule], providers = [Logger])]
pub struct LoggerModule;

fn main() {}
