//! Const graph algorithms over a module's provider edges: one depth-first search, which gives
//! both the cycle check ([`find_cycle`]) and the build order ([`build_order`]), and the start
//! list ([`starts`]).

use crate::info::DepInfo;

/// The most providers a module may list (the size of [`find_cycle`]' scratch space).
const MAX_PROVIDERS: usize = 256;

/// Where a depth-first search found a back edge: `path[..=depth]` is the current path (root
/// first) and `back` the provider on it that the last one depends on.
#[derive(Clone, Copy)]
struct Cycle {
    depth: usize,
    back: usize,
}

/// The scratch space of one search over `n` providers, borrowed from the caller so that each
/// entry point picks its own array sizes.
struct Walk<'a> {
    /// The providers on the current path, root first.
    path: &'a mut [usize],
    /// Per depth, the next dependency of `path[depth]` to look at.
    next: &'a mut [usize],
    /// Per provider: 0 unvisited, 1 on the current path, 2 done.
    state: &'a mut [u8],
    /// The post-order, filled up to `len`.
    order: &'a mut [usize],
    len: usize,
    /// Whether a back edge was cut.
    cut: bool,
}

/// Depth-first search over `deps` (local edges only; `None` and out-of-range indices are
/// imports), roots taken in list order, dependencies in field order. Fills `walk.order` with
/// the post-order: every provider after its local dependencies.
///
/// A back edge is a cycle. With `stop_at_cycle`, the search stops there and returns it, the
/// path left in `walk.path`; without, the edge is cut and the search goes on, so the post-order
/// lists every provider once even in a cyclic graph.
const fn search(deps: &[&[DepInfo]], walk: &mut Walk<'_>, stop_at_cycle: bool) -> Option<Cycle> {
    let n = deps.len();
    let mut root = 0;
    while root < n {
        if walk.state[root] == 0 {
            let mut depth = 0;
            walk.path[0] = root;
            walk.next[0] = 0;
            walk.state[root] = 1;
            loop {
                let p = walk.path[depth];
                if walk.next[depth] < deps[p].len() {
                    let d = deps[p][walk.next[depth]];
                    walk.next[depth] += 1;
                    if let Some(q) = d.local
                        && q < n
                    {
                        if walk.state[q] == 1 {
                            if stop_at_cycle {
                                return Some(Cycle { depth, back: q });
                            }
                            walk.cut = true;
                        }
                        if walk.state[q] == 0 {
                            depth += 1;
                            walk.path[depth] = q;
                            walk.next[depth] = 0;
                            walk.state[q] = 1;
                        }
                    }
                } else {
                    walk.state[p] = 2;
                    walk.order[walk.len] = p;
                    walk.len += 1;
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
            }
        }
        root += 1;
    }
    None
}

/// The first cycle among the module-local dependency edges of the providers (local indices;
/// `None` for imports), as the message the module's `const` check panics with. The panic is
/// written in the generated code, so that the compiler's error points at the user's module.
///
/// # Panics
/// At compile time, when the module lists more than 256 providers.
#[must_use]
pub const fn find_cycle(module: &str, names: &[&str], deps: &[&[DepInfo]]) -> Option<CycleMsg> {
    assert!(
        deps.len() <= MAX_PROVIDERS,
        "modkit: a module may list at most 256 providers"
    );
    let mut walk = Walk {
        path: &mut [0usize; MAX_PROVIDERS],
        next: &mut [0usize; MAX_PROVIDERS],
        state: &mut [0u8; MAX_PROVIDERS],
        order: &mut [0usize; MAX_PROVIDERS],
        len: 0,
        cut: false,
    };
    match search(deps, &mut walk, true) {
        Some(cycle) => Some(render_cycle(module, names, walk.path, cycle)),
        None => None,
    }
}

/// A module's build order, and whether its providers form a cycle.
pub struct Order<const N: usize> {
    /// Every provider after its local dependencies (a depth-first post-order, in list order).
    pub order: [usize; N],
    /// Whether a cycle was cut to make the order: the module's `const` check then asks
    /// [`find_cycle`] for the message (so a module without a cycle runs one search).
    pub cyclic: bool,
}

/// The order in which to build a module's providers: every provider after its local
/// dependencies. Cycles are cut here and flagged; [`find_cycle`] names them.
#[must_use]
pub const fn build_order<const N: usize>(deps: &[&[DepInfo]; N]) -> Order<N> {
    let mut order = [0usize; N];
    let mut walk = Walk {
        path: &mut [0usize; N],
        next: &mut [0usize; N],
        state: &mut [0u8; N],
        order: &mut order,
        len: 0,
        cut: false,
    };
    let _cut = search(deps, &mut walk, false);
    let cyclic = walk.cut;
    Order { order, cyclic }
}

/// The names in `names` that are set, taken in `order` (`S` of them): the singletons a
/// module's build constructs, in the order it constructs them.
#[must_use]
pub const fn starts<const N: usize, const S: usize>(
    order: &[usize; N],
    names: &[Option<&'static str>; N],
) -> [&'static str; S] {
    let mut out = [""; S];
    let mut len = 0;
    let mut i = 0;
    while i < N {
        if let Some(name) = names[order[i]]
            && len < S
        {
            out[len] = name;
            len += 1;
        }
        i += 1;
    }
    out
}

/// "dependency cycle among the providers of module `M`: A -> B -> A; ..." for the cycle that
/// closes at `cycle.back`, found on `path`.
const fn render_cycle(module: &str, names: &[&str], path: &[usize], cycle: Cycle) -> CycleMsg {
    let mut start = 0;
    while path[start] != cycle.back {
        start += 1;
    }
    let mut m = CycleMsg::new()
        .push("dependency cycle among the providers of module `")
        .push(module)
        .push("`: ");
    let mut i = start;
    while i <= cycle.depth {
        m = m.push(names[path[i]]).push(" -> ");
        i += 1;
    }
    m.push(names[cycle.back]).push(
        "; a provider is built after its dependencies, so none of these can be built first. \
         fix: remove one of these dependencies (a field of an `#[injectable]`, which may also be \
         marked `#[inject(default)]`, or a parameter of a `#[provider]` function), \
         or move the state both sides share into a third provider",
    )
}

/// A fixed-capacity string buffer usable in `const` code: a cycle's message.
pub struct CycleMsg {
    buf: [u8; 1024],
    len: usize,
}

impl CycleMsg {
    const fn new() -> CycleMsg {
        CycleMsg {
            buf: [0; 1024],
            len: 0,
        }
    }
    const fn push(mut self, s: &str) -> CycleMsg {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() && self.len < self.buf.len() {
            self.buf[self.len] = b[i];
            self.len += 1;
            i += 1;
        }
        self
    }
    /// The message.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.buf.split_at(self.len).0) {
            Ok(s) => s,
            Err(_) => "dependency cycle (message cut)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{build_order, find_cycle, starts};
    use crate::info::DepInfo;

    const fn on(i: usize) -> DepInfo {
        DepInfo {
            ty: "T",
            module: "M",
            local: Some(i),
        }
    }
    const IMPORT: DepInfo = DepInfo {
        ty: "I",
        module: "Other",
        local: None,
    };

    #[test]
    fn post_order_puts_dependencies_first_in_list_order() {
        // 0 -> 2 -> 1, 3 -> import, 3 -> 0
        let deps: [&[DepInfo]; 4] = [&[on(2)], &[], &[on(1), IMPORT], &[IMPORT, on(0)]];
        let o = build_order(&deps);
        assert_eq!(o.order, [1, 2, 0, 3]);
        assert!(!o.cyclic);
    }

    #[test]
    fn a_cycle_is_cut_and_every_provider_listed_once() {
        // 0 -> 1 -> 0, 2 alone
        let deps: [&[DepInfo]; 3] = [&[on(1)], &[on(0)], &[]];
        let o = build_order(&deps);
        assert_eq!(o.order, [1, 0, 2]);
        assert!(o.cyclic);
        let msg = find_cycle("M", &["A", "B", "C"], &deps).map(|m| m.as_str().to_owned());
        assert!(msg.is_some_and(|m| m.contains("`M`: A -> B -> A")));
    }

    #[test]
    fn starts_follow_the_order() {
        let order = [2, 0, 1];
        let s: [&str; 2] = starts(&order, &[Some("a"), None, Some("c")]);
        assert_eq!(s, ["c", "a"]);
    }
}
