// A provider that depends on itself.
use std::sync::Arc;
use modkit::{injectable, module};

#[injectable]
pub struct Node {
    next: Arc<Node>,
}

#[module(providers = [Node])]
pub struct GraphModule;

fn main() {}
