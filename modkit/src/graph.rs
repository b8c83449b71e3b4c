//! Rendering the static module graph as Mermaid or Graphviz DOT text.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::info::{Kind, ModuleInfo};

/// The static graph reachable from a root module: every module once, in breadth-first order.
///
/// ```
/// use modkit::{injectable, module, Graph};
///
/// #[injectable]
/// pub struct Clock;
///
/// #[module(providers = [Clock], exports = [Clock])]
/// pub struct TimeModule;
///
/// #[module(imports = [TimeModule])]
/// pub struct AppModule;
///
/// # fn main() {
/// let graph = Graph::of::<AppModule>();
/// assert_eq!(graph.modules().len(), 2);
/// assert!(graph.to_mermaid().contains("AppModule --> TimeModule"));
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Graph {
    modules: Vec<&'static ModuleInfo>,
}

impl Graph {
    /// The graph of every module reachable from `M` through imports.
    #[must_use]
    pub fn of<M: crate::Module>() -> Graph {
        let mut seen = HashSet::new();
        let mut modules = Vec::new();
        let mut queue = std::collections::VecDeque::from([M::info()]);
        while let Some(m) = queue.pop_front() {
            if !seen.insert(m.id) {
                continue;
            }
            modules.push(m);
            queue.extend(m.imports.iter().map(|f| f()));
        }
        Graph { modules }
    }

    /// The modules, root first.
    #[must_use]
    pub fn modules(&self) -> &[&'static ModuleInfo] {
        &self.modules
    }

    /// A Mermaid `flowchart`: one subgraph per module with its providers (exported ones marked
    /// `pub`, non-singletons with their kind: `transient`, `request`, `value`, `seed`), `-->` from a
    /// module to each import, and `-.->` from a provider to each dependency.
    #[must_use]
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("flowchart TB\n");
        for m in &self.modules {
            let _ = writeln!(out, "  subgraph {}", m.name);
            for p in listed(m) {
                let mut marks = Vec::new();
                if p.exported {
                    marks.push("pub");
                }
                if p.kind != Kind::Singleton {
                    marks.push(p.kind.as_str());
                }
                let mark = if marks.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", marks.join(", "))
                };
                let _ = writeln!(out, "    {}[\"{}{}\"]", node(m.name, p.name), p.name, mark);
            }
            let _ = writeln!(out, "  end");
        }
        for m in &self.modules {
            for imp in m.imports {
                let _ = writeln!(out, "  {} --> {}", m.name, imp().name);
            }
        }
        for m in &self.modules {
            for p in m.providers {
                for d in p.deps {
                    let _ = writeln!(
                        out,
                        "  {} -.-> {}",
                        node(m.name, p.name),
                        node(d.module, d.ty)
                    );
                }
            }
        }
        out
    }

    /// A Graphviz `digraph`: one cluster per module, solid edges for imports (between the
    /// clusters' anchor nodes), dashed edges for provider dependencies.
    #[must_use]
    pub fn to_dot(&self) -> String {
        let mut out = String::from("digraph modkit {\n  compound=true;\n  node [shape=box];\n");
        for m in &self.modules {
            let _ = writeln!(
                out,
                "  subgraph \"cluster_{}\" {{\n    label=\"{}\";",
                m.name, m.name
            );
            let _ = writeln!(out, "    \"{}\" [shape=point, style=invis];", m.name);
            for p in listed(m) {
                let style = if p.exported { ", style=bold" } else { "" };
                let kind = if p.kind == Kind::Singleton {
                    String::new()
                } else {
                    format!(" ({})", p.kind.as_str())
                };
                let _ = writeln!(
                    out,
                    "    \"{}\" [label=\"{}{}\"{}];",
                    node(m.name, p.name),
                    p.name,
                    kind,
                    style
                );
            }
            let _ = writeln!(out, "  }}");
        }
        for m in &self.modules {
            for imp in m.imports {
                let i = imp();
                let _ = writeln!(
                    out,
                    "  \"{}\" -> \"{}\" [ltail=\"cluster_{}\", lhead=\"cluster_{}\", label=\"imports\"];",
                    m.name, i.name, m.name, i.name
                );
            }
        }
        for m in &self.modules {
            for p in m.providers {
                for d in p.deps {
                    let _ = writeln!(
                        out,
                        "  \"{}\" -> \"{}\" [style=dashed];",
                        node(m.name, p.name),
                        node(d.module, d.ty)
                    );
                }
            }
        }
        out.push_str("}\n");
        out
    }
}

/// The module's providers, each name once: a global module's export that several providers of
/// the module take is one entry per dependency in the static info, and one node in the graph.
fn listed(m: &ModuleInfo) -> impl Iterator<Item = &crate::info::ProviderInfo> {
    let mut shown = HashSet::new();
    m.providers.iter().filter(move |p| shown.insert(p.name))
}

fn node(module: &str, ty: &str) -> String {
    let mut s = String::with_capacity(module.len() + ty.len() + 2);
    s.push_str(module);
    s.push_str("__");
    s.extend(ty.chars().map(|c| {
        if c.is_alphanumeric() || c == '_' {
            c
        } else {
            '_'
        }
    }));
    s
}
