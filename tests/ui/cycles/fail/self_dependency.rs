// A provider that depends on itself.
use modkit::{injectable, module};
use std::sync::Arc;

#[injectable]
pub struct Node {
    next: Arc<Node>,
}

#[module(providers = [Node])]
pub struct GraphModule;

fn main() {}
