#!/usr/bin/env python3
"""Compile time of a synthetic app wired by modkit's macros, by hand and by shaku.

Usage (from anywhere; Python 3.11, stdlib only; needs crates.io for shaku the first time):

    python3 scripts/scale.py                                   # N = 20 100 400, median of 3, check + release
    python3 scripts/scale.py --modules 5 20 --runs 1 --run     # quick: also run each crate's test
    python3 scripts/scale.py --modules 100 --mode check --variants hand modkit

The final table (a quiet machine: other builds running at the same time skew every number):

    python3 scripts/scale.py --modules 20 100 400 --runs 3 --mode both --run

What it does, for each N:

1. Generates the same synthetic app three times, as throwaway crates under `<out>/n<N>/hand`,
   `<out>/n<N>/modkit` and `<out>/n<N>/shaku` (default `<out>` = `target/scale/` of the
   repository, which git ignores). Each crate has a `[workspace]` table of its own so it does not
   join the repository's workspace, and all share one `CARGO_TARGET_DIR` (`<out>/target`) so the
   dependencies are built once per profile. The repository's `Cargo.lock` is copied into the
   modkit crate; the shaku crate depends on `shaku = "0.6"` (cargo resolves the newest 0.6.x on
   its first build and keeps that lock; the version used is printed and saved in the JSON).

   The app (N modules x 5 providers: a chain, diamonds, re-exports):
   - `CoreModule` provides and exports `Logger`.
   - Module `Mi` (i in 0..N) imports `CoreModule`, `M(i-1)` and `M(i-2)` when they exist,
     provides `Pi_0`..`Pi_4` and exports `Pi_0` and `Pi_1`.
     `Pi_0` <- `Logger`, `P(i-1)_0` (if i >= 1); `Pi_1` <- `Pi_0`, `P(i-2)_1` (if i >= 2);
     `Pi_2` <- `Pi_1`, `Logger`; `Pi_3` <- `Pi_2`; `Pi_4` <- `Pi_3`, `Pi_0`.
   - Blocks of 4 modules, `s` = 0, 4, 8, .. while `s + 3 < N`, form a diamond with re-exports:
     base `Ms`, sides `M(s+1)` and `M(s+2)` (both import `Ms`), top `M(s+3)` (imports both
     sides, not the base).
     `M(s+1)` re-exports the type `Ps_0` (modkit: `exports = [.., Ps_0]`);
     `M(s+2)` re-exports the whole module `Ms` (modkit: `exports = [.., Ms]`);
     the top's `P(s+3)_0` also takes `d: Arc<Ps_0>` (visible through both sides: one instance)
     and `e: Arc<Ps_1>` (visible only through `M(s+2)`'s module re-export).
   - `AppModule` imports `CoreModule`, `M(N-1)`, `M(N-2)` and provides
     `AppService { a: Arc<P(N-1)_0>, b: Arc<P(N-2)_1> }`.

   modkit: `#[injectable]` structs, `#[module]` units, `App::<AppModule>::build_sync()`.

   hand: the same structs; one struct per module holding an `Arc` of each of its providers, of
   each imported provider it uses or re-exports by type, and of each module it re-exports whole;
   `build(&Arc<Import>..) -> Self` constructs the providers in dependency order. It clones an
   imported provider from a module it re-exports whole if that has it, else from the import
   that reaches it in the fewest field reads (the top takes `Ps_0` from `M(s+1)`'s field and
   `Ps_1` through `M(s+2)`'s re-exported module: `m(s+2).m(s).p(s)_1`), the first listed on a
   tie. `App::build` builds every module once, imports first, shared through `Arc` (a diamond's
   base is built once and both sides get the same `Arc`).

   shaku (`shaku = "0.6"`, its `module!` and `#[derive(Component)]`): as faithful as shaku
   permits. Differences:
   - shaku injects trait objects: every provider `T` gets `pub trait IT: Interface {}`,
     `#[derive(Component)] #[shaku(interface = IT)]`, `impl IT for T {}`, and its dependency
     fields are `#[shaku(inject)] f: Arc<dyn IU>` instead of `Arc<U>` (same fields, same
     instances, same graph; `run()` and the test downcast through `Any` to follow fields).
   - shaku modules have no `exports`: a component listed in a `use Sub { components = [..] }`
     block is visible to the module and to everyone who uses that module, so imports and
     re-exports are both written as that list, and a whole-module re-export lists the module's
     components one by one. A module may not list the same component in two `use` blocks
     (conflicting `HasComponent` impls), so at a diamond each type is taken from one import, the
     one the hand crate takes it from.
   - shaku has no app: each module is built by `Module::builder(Arc<Sub>..).build()` and the
     script's `App::build` builds them imports first, each once, passing the same `Arc` along
     every path, as the hand crate does.

   All three crates are a lib with `pub fn run() -> usize`: it builds the app and returns how
   many singleton-sharing checks hold (3, plus 2 diamond/re-export checks when N >= 4).

2. Times `cargo check` and/or `cargo build --release` (`--mode`, default both) of the app crate
   only: a warm-up per crate and profile builds the dependencies (with a stub `src/lib.rs`),
   then `--runs` times: `touch src/lib.rs` and time the command (crates interleaved, run by
   run). Every timed run is a full build of the crate: `CARGO_INCREMENTAL=0`, as the release
   profile has anyway. (With incremental compilation on, a `touch` re-check of an unchanged
   file reuses almost all of rustc's work except macro expansion; `--incremental` times that
   instead, with a warm-up that fills the cache.) Prints a markdown
   table of the medians with each framework's ratio to hand-written, and for each variant the
   growth with N: seconds per added module between consecutive N (a roughly constant number
   means linear growth; the `last/first` slope ratio says it in one number: 1 = linear,
   > 1 = super-linear) and the exponent of a log-log fit of time against N (it includes cargo's
   fixed start-up cost, so it reads below 1 even for linear growth). The medians, every run,
   the warm-up times and the test lines go to `<out>/results.json` (rewritten after each N).
   Expect the final command to take over an hour on 2 cores: shaku's full `cargo check` alone
   took about 7 minutes at N = 400 here.

3. With `--run` (before the timing): `cargo test` in each crate. The test (compiled only under
   `cfg(test)`, so it is not part of the timed builds) builds the app, walks the object graph
   from `AppService` and the root's visible exports (`Logger`, `P(N-1)_0/1`, `P(N-2)_0/1`),
   and checks `run()`, the number of types reached, that each type has exactly one instance
   (so every diamond and re-export path shares it), and the size of the unshared dependency
   tree from `AppService` (mod 2^64: the diamonds make it grow exponentially; the walk visits
   each instance once and memoises), against values this script computes. It also checks that
   each of the 5N+2 singletons exists once: modkit from `App::start_order()` and `App::build_order()`
   (N+2 modules, none twice); hand and shaku by walking from every provider of every module.
   All crates must print the same `SCALE_RESULT` line.

If a crate does not compile, the script prints the table so far and the first compiler error
verbatim (the whole output goes to `cargo-<cmd>.log` in the crate) and exits with status 1.

Recursion limit: each crate nests one type per module (the chain `Pi_0 -> P(i-1)_0 -> .. ->
P0_0` of `Arc`s; modkit's and shaku's module structs hold their imports), and with rustc's
default `recursion_limit` (128) `cargo check` fails, measured with this shape: modkit from
N = 81 (E0320, overflow while adding drop-check rules for `Result<Arc<AppModule>,
BuildError>`), hand from N = 122 (E0320, `Arc<P121_3>`), shaku from N = 125 (E0275, overflow
evaluating `M0: HasComponent<dyn ILogger>`). By default (`--recursion-limit auto`) the script
adds `#![recursion_limit = "L"]` to all three crates alike when N > 60, with L = 1024 up to
N = 250 and the next power of two >= 4N above (N = 400: 2048, enough for all three).
`--recursion-limit none` never adds it; `--recursion-limit 512` always adds 512.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
REPO = SCRIPT_DIR.parent
MODKIT = REPO / "modkit"

VARIANTS = ("hand", "modkit", "shaku")
MODES = ("check", "release")
BLOCK = 4  # modules per diamond block: base, two sides, top

HEADER = "#![allow(dead_code, unused_imports, non_camel_case_types, non_snake_case, clippy::all)]\n"


def auto_recursion_limit(n: int) -> int | None:
    if n <= 60:
        return None
    if n <= 250:
        return 1024
    return 1 << math.ceil(math.log2(4 * n))


def header(limit: int | None) -> str:
    if limit is None:
        return HEADER
    return HEADER + f'#![recursion_limit = "{limit}"]\n'


# --------------------------------------------------------------------------------------------
# The synthetic app, as data
# --------------------------------------------------------------------------------------------

Fields = list[tuple[str, str]]  # (field, type)


def p(i: int, k: int) -> str:
    return f"P{i}_{k}"


def m(i: int) -> str:
    return f"M{i}"


@dataclass
class Module:
    name: str
    imports: list[str]
    provs: list[tuple[str, Fields]]  # in dependency order
    exports: list[str]  # own provider types, imported types (re-export) or imported modules
    extra_needs: list[str] = field(default_factory=list)  # root: the types the test asks for


class Model:
    """The app's modules, and what each sees, uses, holds and where it takes it from."""

    def __init__(self, n: int) -> None:
        self.n = n
        mods = [Module("CoreModule", [], [("Logger", [])], ["Logger"])]
        for i in range(n):
            mods.append(Module(m(i), ["CoreModule"] + [m(j) for j in (i - 1, i - 2) if j >= 0], self.providers(i), self.exports(i)))
        mods.append(
            Module(
                "AppModule",
                ["CoreModule", m(n - 1), m(n - 2)],
                [("AppService", [("a", p(n - 1, 0)), ("b", p(n - 2, 1))])],
                [],
                [t for t in self.walk_roots() if t != "AppService"],
            )
        )
        self.mods = {mod.name: mod for mod in mods}
        self.order = [mod.name for mod in mods]
        self._exported: dict[str, set[str]] = {}
        self._held: dict[str, list[str]] = {}

    # ---- shape
    def block_role(self, i: int) -> int | None:
        """i's place in its diamond block (0 base, 1 and 2 sides, 3 top), None outside a full block."""
        s = i - i % BLOCK
        return i % BLOCK if s + BLOCK - 1 < self.n else None

    def tops(self) -> list[int]:
        return [i for i in range(self.n) if self.block_role(i) == 3]

    def providers(self, i: int) -> list[tuple[str, Fields]]:
        p0 = [("log", "Logger")] + ([("prev", p(i - 1, 0))] if i >= 1 else [])
        if self.block_role(i) == 3:
            p0 += [("d", p(i - 3, 0)), ("e", p(i - 3, 1))]
        p1 = [("p0", p(i, 0))] + ([("prev", p(i - 2, 1))] if i >= 2 else [])
        return [
            (p(i, 0), p0),
            (p(i, 1), p1),
            (p(i, 2), [("p1", p(i, 1)), ("log", "Logger")]),
            (p(i, 3), [("p2", p(i, 2))]),
            (p(i, 4), [("p3", p(i, 3)), ("p0", p(i, 0))]),
        ]

    def exports(self, i: int) -> list[str]:
        out = [p(i, 0), p(i, 1)]
        role = self.block_role(i)
        if role == 1:
            out.append(p(i - 1, 0))  # a type of an import
        elif role == 2:
            out.append(m(i - 2))  # a whole imported module
        return out

    def walk_roots(self) -> list[str]:
        n = self.n
        return ["AppService", "Logger", p(n - 1, 0), p(n - 1, 1), p(n - 2, 0), p(n - 2, 1)]

    def structs(self) -> list[tuple[str, Fields]]:
        return [prov for name in self.order for prov in self.mods[name].provs]

    # ---- visibility
    def own(self, mod: str) -> set[str]:
        return {t for t, _ in self.mods[mod].provs}

    def is_module(self, x: str) -> bool:
        return x in self.mods

    def reexported_modules(self, mod: str) -> list[str]:
        return [x for x in self.mods[mod].exports if self.is_module(x)]

    def exported(self, mod: str) -> set[str]:
        if mod not in self._exported:
            out: set[str] = set()
            for x in self.mods[mod].exports:
                out |= self.exported(x) if self.is_module(x) else {x}
            self._exported[mod] = out
        return self._exported[mod]

    def needed(self, mod: str) -> list[str]:
        """Imported types the module uses, re-exports by type, or (root) hands to the test."""
        md, own, out = self.mods[mod], self.own(mod), []
        wanted = [d for _, deps in md.provs for _, d in deps]
        wanted += [x for x in md.exports if not self.is_module(x)] + md.extra_needs
        for t in wanted:
            if t not in own and t not in out:
                out.append(t)
        return out

    def held(self, mod: str) -> list[str]:
        """Imported types the hand module keeps as fields."""
        return self.needed(mod)

    def depth(self, mod: str, t: str) -> int | None:
        """How many field reads the hand crate needs to reach `t` from module `mod` (None: not
        there). A type of a module re-exported whole is read through that module."""
        if t in self.own(mod):
            return 1
        ds = [d for x in self.reexported_modules(mod) if (d := self.depth(x, t)) is not None]
        if ds:
            return 1 + min(ds)
        return 1 if t in self.held(mod) else None

    def source(self, mod: str, t: str) -> str:
        """The import `mod` takes the imported type `t` from (hand: the field it clones; shaku: the
        `use` block listing it): a module it re-exports whole if that has `t`, else the import
        that holds `t` nearest, the first one listed on a tie."""
        for x in self.reexported_modules(mod):
            if t in self.exported(x):
                return x
        best = None
        for imp in self.mods[mod].imports:
            if t in self.exported(imp):
                d = self.depth(imp, t)
                assert d is not None, (imp, t)
                if best is None or d < best[0]:
                    best = (d, imp)
        assert best is not None, f"{t} is not visible in {mod}"
        return best[1]

    def path(self, mod: str, t: str) -> str:
        """The field path (hand crate) of `t` from an instance of module `mod`."""
        if t in self.own(mod):
            return snake(t)
        ds = [(d, x) for x in self.reexported_modules(mod) if (d := self.depth(x, t)) is not None]
        if ds:
            x = min(ds)[1]
            return f"{var(x)}.{self.path(x, t)}"
        assert t in self.held(mod), (mod, t)
        return snake(t)

    def shaku_listed(self, mod: str) -> list[str]:
        """Imported components the shaku module lists (its needs and everything it re-exports)."""
        out = list(self.needed(mod))
        for x in self.reexported_modules(mod):
            out += sorted(t for t in self.exported(x) if t not in out and t not in self.own(mod))
        return out

    # ---- expectations of the test
    def expected(self) -> dict[str, int]:
        deps = dict(self.structs())
        seen: set[str] = set()
        stack = list(self.walk_roots())
        while stack:
            t = stack.pop()
            if t not in seen:
                seen.add(t)
                stack += [d for _, d in deps[t]]
        memo: dict[str, int] = {}

        def tree(t: str) -> int:
            if t not in memo:
                memo[t] = 1 + sum(tree(d) for _, d in deps[t])
            return memo[t]

        return {
            "run": 3 + (2 if self.tops() else 0),
            "types": len(seen),
            "tree": tree("AppService") % 2**64,
            "singletons": len(deps),
            "modules": len(self.mods),
        }


def snake(t: str) -> str:
    return t.lower()


def var(mod: str) -> str:
    """The variable / field name of a module instance."""
    return {"CoreModule": "core", "AppModule": "root"}.get(mod, mod.lower())


def iface(t: str) -> str:
    return f"I{t}"


def struct_def(name: str, fields: Fields, shaku: bool = False) -> str:
    if shaku:
        body = " ".join(f"#[shaku(inject)] {f}: Arc<dyn {iface(t)}>," for f, t in fields)
        return (
            f"pub trait {iface(name)}: Interface {{}}\n"
            f"#[derive(Component)]\n#[shaku(interface = {iface(name)})]\n"
            f"pub struct {name} {{ {body} }}\n"
            f"impl {iface(name)} for {name} {{}}\n"
        )
    if not fields:
        return f"pub struct {name};\n"
    body = ", ".join(f"{f}: Arc<{t}>" for f, t in fields)
    return f"pub struct {name} {{ {body} }}\n"


# --------------------------------------------------------------------------------------------
# run(): the singleton-sharing checks, in every crate (timed code)
# --------------------------------------------------------------------------------------------


def run_checks(model: Model, deref: Callable[[str, str], str], get_root: Callable[[str], str]) -> str:
    """Statements computing `checks`; `deref(expr, T)` is a `&T` from an `Arc` field expression
    `expr`, `get_root(T)` the root's `Arc` of a type it sees. `svc: &AppService` is in scope."""
    n = model.n
    out = [
        f"    let a0: &{p(n - 1, 0)} = {deref('svc.a', p(n - 1, 0))};",
        f"    let b1: &{p(n - 2, 1)} = {deref('svc.b', p(n - 2, 1))};",
        f"    let logger = {get_root('Logger')};",
        f"    let p0 = {get_root(p(n - 2, 0))};",
        "    let mut checks = usize::from(Arc::ptr_eq(&a0.prev, &b1.p0)); // P(N-2)_0 along two paths",
        "    checks += usize::from(Arc::ptr_eq(&a0.log, &logger));",
        "    checks += usize::from(Arc::ptr_eq(&a0.prev, &p0));",
    ]
    tops = model.tops()
    if tops:
        top = tops[-1]
        cur = "a0"
        for j in range(n - 2, top - 3, -1):  # follow `prev` from P(N-1)_0 down to P(top-2)_0
            out.append(f"    let x{j}: &{p(j, 0)} = {deref(f'{cur}.prev', p(j, 0))};")
            cur = f"x{j}"
        t = "a0" if top == n - 1 else f"x{top}"
        out += [
            f"    // diamond {m(top - 3)} < {m(top - 2)}, {m(top - 1)} < {m(top)}: {p(top, 0)}.d came through re-exports",
            f"    checks += usize::from(Arc::ptr_eq(&{t}.d, &x{top - 2}.prev));",
            f"    let e: &{p(top - 3, 1)} = {deref(f'{t}.e', p(top - 3, 1))};",
            f"    checks += usize::from(Arc::ptr_eq(&e.p0, &{t}.d));",
        ]
    out.append("    checks")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# The shared test (cfg(test) only: not part of the timed builds)
# --------------------------------------------------------------------------------------------


def test_module(model: Model, prelude: str, roots: dict[str, str], coverage: str, shaku: bool) -> str:
    """A `#[cfg(test)]` module. `roots` maps a root type to an expression of its `Arc`; `coverage`
    sets `singletons` and `modules` (after asserting that each exists once)."""
    exp = model.expected()
    lines = [
        "#[cfg(test)]",
        "#[allow(unused_variables)]",
        "mod tests {",
        "    use super::*;",
        "    use std::collections::{HashMap, HashSet};",
        "",
        "    /// Type name -> addresses of its instances reached.",
        "    type Seen = HashMap<&'static str, HashSet<usize>>;",
        "    /// Address -> size of the unshared dependency tree below it (mod 2^64: it grows exponentially).",
        "    type Memo = HashMap<usize, u64>;",
        "    trait Walk {",
        "        fn name(&self) -> &'static str;",
        "        fn walk(&self, seen: &mut Seen, memo: &mut Memo) -> u64;",
        "    }",
        "    /// Records `x`, walks each instance once; returns its unshared tree size (mod 2^64).",
        "    fn visit<T: ?Sized + Walk>(x: &Arc<T>, seen: &mut Seen, memo: &mut Memo) -> u64 {",
        "        let addr = Arc::as_ptr(x) as *const () as usize;",
        "        seen.entry(x.name()).or_default().insert(addr);",
        "        if let Some(&size) = memo.get(&addr) {",
        "            return size;",
        "        }",
        "        let size = x.walk(seen, memo).wrapping_add(1);",
        "        memo.insert(addr, size);",
        "        size",
        "    }",
        "    fn count(seen: &Seen) -> (usize, usize) {",
        "        (seen.len(), seen.values().map(HashSet::len).sum())",
        "    }",
    ]
    for name, fields in model.structs():
        calls = "".join(f".wrapping_add(visit(&self.{f}, seen, memo))" for f, _ in fields)
        lines.append(
            f"    impl Walk for {name} {{ fn name(&self) -> &'static str {{ \"{name}\" }} "
            f"fn walk(&self, seen: &mut Seen, memo: &mut Memo) -> u64 {{ 0u64{calls} }} }}"
        )
        if shaku:
            lines.append(
                f"    impl Walk for dyn {iface(name)} {{ fn name(&self) -> &'static str {{ \"{name}\" }} "
                f"fn walk(&self, seen: &mut Seen, memo: &mut Memo) -> u64 {{ cast::<{name}>(self).walk(seen, memo) }} }}"
            )
    stmts = []
    for i, (t, expr) in enumerate(roots.items()):
        stmts.append(f"        let r{i} = {expr}; let tree{i} = visit(&r{i}, &mut seen, &mut memo);")
    lines += [
        "",
        "    #[test]",
        "    fn same_graph() {",
        f"        {prelude}",
        "        let mut seen = Seen::new();",
        "        let mut memo = Memo::new();",
        *stmts,
        "        let (types, instances) = count(&seen);",
        coverage,
        "        let r = run();",
        "        println!(\"SCALE_RESULT run={} types={} instances={} tree={} singletons={} modules={}\",",
        "            r, types, instances, tree0, singletons, modules);",
        f"        assert_eq!(r, {exp['run']}, \"run(): singleton-sharing checks\");",
        f"        assert_eq!(types, {exp['types']}, \"types reached from the roots\");",
        "        assert_eq!(instances, types, \"one instance per type\");",
        f"        assert_eq!(tree0, {exp['tree']}, \"unshared tree size from AppService, mod 2^64\");",
        f"        assert_eq!(singletons, {exp['singletons']}, \"singletons, each built once\");",
        f"        assert_eq!(modules, {exp['modules']}, \"modules, each built once\");",
        "    }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def coverage_walk(model: Model, get: Callable[[str, str], str], shaku: bool = False) -> str:
    """Walks from every provider of every module (`get(module, type)` an expression of its Arc)."""
    stmts = ["        let mut all = Seen::new();", "        let mut all_memo = Memo::new();"]
    for name in model.order:
        for t, _ in model.mods[name].provs:
            ty = f"::<dyn {iface(t)}>" if shaku else ""
            stmts.append(f"        visit{ty}(&{get(name, t)}, &mut all, &mut all_memo);")
    stmts += [
        "        let (all_types, all_instances) = count(&all);",
        "        assert_eq!(all_instances, all_types, \"one instance per type\");",
        "        let singletons = all_types;",
        f"        let modules = {len(model.order)}usize; // App::build builds each module once, by construction",
    ]
    return "\n".join(stmts)


# --------------------------------------------------------------------------------------------
# The modkit crate
# --------------------------------------------------------------------------------------------


def gen_modkit(model: Model, limit: int | None) -> str:
    out = [header(limit), "use std::sync::Arc;\nuse modkit::{injectable, module, App};\n\n"]
    for name in model.order:
        md = model.mods[name]
        for t, fields in md.provs:
            out.append("#[injectable]\n" + struct_def(t, fields))
        keys = []
        if md.imports:
            keys.append(f"imports = [{', '.join(md.imports)}]")
        keys.append(f"providers = [{', '.join(t for t, _ in md.provs)}]")
        if md.exports:
            keys.append(f"exports = [{', '.join(md.exports)}]")
        out.append(f"#[module({', '.join(keys)})]\npub struct {name};\n\n")
    out.append(
        "/// Builds the app; returns how many singleton-sharing checks hold.\n"
        "pub fn run() -> usize {\n"
        "    let app = App::<AppModule>::build_sync().unwrap();\n"
        "    let svc = app.get::<AppService>();\n"
        + run_checks(model, lambda e, t: f"&*{e}", lambda t: f"app.get::<{t}>()")
        + "}\n\n"
    )
    roots = {t: f"app.get::<{t}>()" for t in model.walk_roots()}
    coverage = "\n".join(
        [
            "        let started: HashSet<_> = app.start_order().into_iter().collect();",
            "        assert_eq!(started.len(), app.start_order().len(), \"a singleton started twice\");",
            "        let singletons = started.len();",
            "        let built: HashSet<_> = app.build_order().into_iter().collect();",
            "        assert_eq!(built.len(), app.build_order().len(), \"a module built twice\");",
            "        let modules = built.len();",
        ]
    )
    out.append(test_module(model, "let app = App::<AppModule>::build_sync().unwrap();", roots, coverage, False))
    return "".join(out)


# --------------------------------------------------------------------------------------------
# The hand-wired crate
# --------------------------------------------------------------------------------------------


def hand_module(model: Model, name: str) -> str:
    md = model.mods[name]
    held, remods = model.held(name), model.reexported_modules(name)
    fields = [f"    pub {snake(t)}: Arc<{t}>," for t in held]
    fields += [f"    pub {snake(t)}: Arc<{t}>," for t, _ in md.provs]
    fields += [f"    pub {var(x)}: Arc<{x}>," for x in remods]
    sig = ", ".join(f"{var(imp)}: &Arc<{imp}>" for imp in md.imports)
    body = []
    for t in held:
        src = model.source(name, t)
        body.append(f"        let {snake(t)} = Arc::clone(&{var(src)}.{model.path(src, t)});")
    for t, deps in md.provs:
        if deps:
            init = ", ".join(f"{f}: Arc::clone(&{snake(d)})" for f, d in deps)
            body.append(f"        let {snake(t)} = Arc::new({t} {{ {init} }});")
        else:
            body.append(f"        let {snake(t)} = Arc::new({t});")
    body += [f"        let {var(x)} = Arc::clone({var(x)});" for x in remods]
    names = ", ".join([snake(t) for t in held] + [snake(t) for t, _ in md.provs] + [var(x) for x in remods])
    return (
        f"pub struct {name} {{\n" + "\n".join(fields) + "\n}\n\n"
        f"impl {name} {{\n"
        f"    pub fn build({sig}) -> Self {{\n" + "\n".join(body) + f"\n        {name} {{ {names} }}\n"
        "    }\n}\n\n"
    )


def gen_hand(model: Model, limit: int | None) -> str:
    out = [header(limit), "use std::sync::Arc;\n\n"]
    for t, fields in model.structs():
        out.append(struct_def(t, fields))
    out.append("\n")
    for name in model.order:
        out.append(hand_module(model, name))
    # The app: every module once, imports first, shared through Arc.
    mods = [x for x in model.order if x != "AppModule"]
    fields = [f"    pub {var(x)}: Arc<{x}>," for x in mods] + ["    pub root: AppModule,"]
    body = []
    for x in model.order:
        args = ", ".join(f"&{var(imp)}" for imp in model.mods[x].imports)
        built = f"{x}::build({args})"
        body.append(f"        let {var(x)} = {built if x == 'AppModule' else f'Arc::new({built})'};")
    out.append(
        "pub struct App {\n" + "\n".join(fields) + "\n}\n\n"
        "impl App {\n    pub fn build() -> Self {\n" + "\n".join(body)
        + f"\n        App {{ {', '.join(var(x) for x in model.order)} }}\n    }}\n}}\n\n"
    )
    get_root = lambda t: f"Arc::clone(&app.root.{model.path('AppModule', t)})"  # noqa: E731
    out.append(
        "/// Builds the app; returns how many singleton-sharing checks hold.\n"
        "pub fn run() -> usize {\n"
        "    let app = App::build();\n"
        "    let svc = Arc::clone(&app.root.appservice);\n"
        + run_checks(model, lambda e, t: f"&*{e}", get_root)
        + "}\n\n"
    )
    roots = {t: get_root(t) for t in model.walk_roots()}
    coverage = coverage_walk(model, lambda mod, t: f"app.{var(mod)}.{snake(t)}")
    out.append(test_module(model, "let app = App::build();", roots, coverage, False))
    return "".join(out)


# --------------------------------------------------------------------------------------------
# The shaku crate
# --------------------------------------------------------------------------------------------


def gen_shaku(model: Model, limit: int | None) -> str:
    out = [
        header(limit),
        "use std::any::Any;\nuse std::sync::Arc;\nuse shaku::{module, Component, HasComponent, Interface};\n\n",
        "/// The concrete provider behind an interface (shaku injects `Arc<dyn Interface>`).\n"
        "fn cast<T: Any>(x: &dyn Any) -> &T {\n    x.downcast_ref::<T>().expect(\"concrete provider type\")\n}\n\n",
    ]
    for name in model.order:
        md = model.mods[name]
        for t, fields in md.provs:
            out.append(struct_def(t, fields, shaku=True))
        listed = model.shaku_listed(name)
        uses = []
        for imp in md.imports:
            comps = ", ".join(f"dyn {iface(t)}" for t in listed if model.source(name, t) == imp)
            uses.append(f"        use {imp} {{ components = [{comps}], providers = [] }}")
        comps = ", ".join(t for t, _ in md.provs)
        body = f"        components = [{comps}],\n        providers = []"
        if uses:
            body += ",\n" + ",\n".join(uses)
        out.append(f"module! {{\n    pub {name} {{\n{body}\n    }}\n}}\n\n")
    # The app: every module once, imports first, shared through Arc.
    mods = [x for x in model.order if x != "AppModule"]
    fields = [f"    pub {var(x)}: Arc<{x}>," for x in mods] + ["    pub root: AppModule,"]
    body = []
    for x in model.order:
        args = ", ".join(f"Arc::clone(&{var(imp)})" for imp in model.mods[x].imports)
        built = f"{x}::builder({args}).build()"
        body.append(f"        let {var(x)} = {built if x == 'AppModule' else f'Arc::new({built})'};")
    out.append(
        "pub struct App {\n" + "\n".join(fields) + "\n}\n\n"
        "impl App {\n    pub fn build() -> Self {\n" + "\n".join(body)
        + f"\n        App {{ {', '.join(var(x) for x in model.order)} }}\n    }}\n}}\n\n"
    )
    get_root = lambda t: f"HasComponent::<dyn {iface(t)}>::resolve(&app.root)"  # noqa: E731
    out.append(
        "/// Builds the app; returns how many singleton-sharing checks hold.\n"
        "pub fn run() -> usize {\n"
        "    let app = App::build();\n"
        "    let svc_arc: Arc<dyn IAppService> = app.root.resolve();\n"
        "    let svc: &AppService = cast(&*svc_arc);\n"
        + run_checks(model, lambda e, t: f"cast::<{t}>(&*{e})", get_root)
        + "}\n\n"
    )
    roots = {t: get_root(t) for t in model.walk_roots()}
    coverage = coverage_walk(model, lambda mod, t: f"app.{var(mod)}.resolve()", shaku=True)
    out.append(test_module(model, "let app = App::build();", roots, coverage, True))
    return "".join(out)


GENERATORS = {"hand": gen_hand, "modkit": gen_modkit, "shaku": gen_shaku}
DEPS = {
    "hand": "",
    "modkit": "modkit = {{ path = \"{modkit}\" }}\n",
    "shaku": "shaku = \"0.6\"\n",
}


# --------------------------------------------------------------------------------------------
# Crates, cargo, timing
# --------------------------------------------------------------------------------------------


def write_crate(dir: Path, name: str, src: str, variant: str) -> None:
    (dir / "src").mkdir(parents=True, exist_ok=True)
    rel = Path(os.path.relpath(MODKIT, dir)).as_posix()
    manifest = (
        "# Generated by scripts/scale.py; throwaway.\n"
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        f"[dependencies]\n{DEPS[variant].format(modkit=rel)}\n"
        "# Not a member of the repository's workspace.\n[workspace]\n"
    )
    write_if_changed(dir / "Cargo.toml", manifest)
    lock = REPO / "Cargo.lock"
    if variant == "modkit" and lock.exists() and not (dir / "Cargo.lock").exists():
        shutil.copyfile(lock, dir / "Cargo.lock")
    write_if_changed(dir / "src" / "lib.rs", src)


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def cargo(args: list[str], crate: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Runs cargo; once more if something outside killed it (a signal, not a compile error)."""
    for attempt in (1, 2):
        proc = subprocess.run(["cargo", *args], cwd=crate, env=env, text=True, capture_output=True)
        if not killed(proc) or attempt == 2:
            return proc
        print(f"warning: `cargo {' '.join(args)}` in {crate} was killed ({describe_exit(proc)}); retrying once", file=sys.stderr)
    raise AssertionError


def killed(proc: subprocess.CompletedProcess[str]) -> bool:
    return proc.returncode < 0 or bool(re.search(r"\(signal: \d+", proc.stderr + proc.stdout))


def describe_exit(proc: subprocess.CompletedProcess[str]) -> str:
    if proc.returncode < 0:
        return f"signal {-proc.returncode}"
    m_ = re.search(r"\(signal: [^)]*\)", proc.stderr + proc.stdout)
    return f"exit status {proc.returncode}" + (f", {m_.group(0)}" if m_ else "")


CARGO_ARGS = {"check": ["check"], "release": ["build", "--release"]}
WARMUP_STUB = "//! Warm-up stub (scripts/scale.py): builds the dependencies only.\n"


def first_error(stderr: str) -> str:
    """The first `error...` diagnostic of cargo's human-readable output, verbatim."""
    lines = stderr.splitlines()
    for k, line in enumerate(lines):
        if re.match(r"^error(\[E\d+\])?:", line):
            block = [line]
            for nxt in lines[k + 1 :]:
                if re.match(r"^(error|warning)(\[\w+\])?:", nxt):
                    break
                block.append(nxt)
            return "\n".join(block).rstrip()
    return stderr.strip()


class CompileFailed(Exception):
    pass


def check_or_die(proc: subprocess.CompletedProcess[str], what: str, crate: Path, cmd: str) -> None:
    """Raises CompileFailed with the first compiler error verbatim; the whole output goes to a log."""
    if proc.returncode != 0:
        log = crate / f"cargo-{cmd}.log"
        log.write_text(proc.stderr)
        raise CompileFailed(
            f"`cargo {cmd}` of the {what} crate ({crate}) failed ({describe_exit(proc)}); full output in {log}."
            f" First error:\n\n{first_error(proc.stderr)}"
        )


def timed_build(crate: Path, name: str, env: dict[str, str], what: str, mode: str) -> float:
    (crate / "src" / "lib.rs").touch()
    t0 = time.perf_counter()
    proc = cargo(CARGO_ARGS[mode], crate, env)
    dt = time.perf_counter() - t0
    check_or_die(proc, what, crate, mode)
    if not re.search(rf"^\s*(Checking|Compiling) {name} ", proc.stderr, re.M):
        print(f"warning: the timed {mode} of {crate} did not recompile the crate", file=sys.stderr)
    return dt


def run_tests(crate: Path, env: dict[str, str], what: str) -> str:
    proc = cargo(["test", "--lib", "--", "--nocapture"], crate, env)
    # Not anchored: the test harness prints `test tests::same_graph ... ` before the line.
    m_ = re.search(r"SCALE_RESULT [^\n]*", proc.stdout)
    if proc.returncode != 0 and "test result" not in proc.stdout:
        check_or_die(proc, what, crate, "test")
    if proc.returncode != 0:
        raise CompileFailed(f"`cargo test` of the {what} crate ({crate}) failed:\n\n{proc.stdout[-3000:]}")
    if not m_:
        raise CompileFailed(f"`cargo test` of the {what} crate ({crate}) printed no SCALE_RESULT line:\n\n{proc.stdout[-3000:]}")
    return m_.group(0).strip()


def locked_version(crate: Path, package: str) -> str | None:
    lock = crate / "Cargo.lock"
    if not lock.exists():
        return None
    m_ = re.search(rf'name = "{package}"\nversion = "([^"]+)"', lock.read_text())
    return m_.group(1) if m_ else None


def tool_version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, text=True, capture_output=True).stdout.strip()
    except OSError:
        return "?"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 100_000))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modules", type=int, nargs="+", default=[20, 100, 400], metavar="N", help="module counts (default 20 100 400)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per crate and mode; the median is shown (default 3)")
    ap.add_argument("--mode", choices=["check", "release", "both"], default="both", help="what to time (default both)")
    ap.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS), help="crates to generate (default all)")
    ap.add_argument("--run", action="store_true", help="first `cargo test` each crate and compare their results")
    ap.add_argument(
        "--incremental",
        action="store_true",
        help="time a re-build of the unchanged crate with rustc's incremental cache (debug profile) instead of a full"
        " build of the crate (CARGO_INCREMENTAL=0, the default)",
    )
    ap.add_argument(
        "--recursion-limit",
        default="auto",
        metavar="L|auto|none",
        help="#![recursion_limit] of all crates alike: auto (default; 1024 for 60 < N <= 250, the next power of"
        " two >= 4N above, none up to 60), none, or a number",
    )
    ap.add_argument("--out", type=Path, default=REPO / "target" / "scale", help="where the crates go (default target/scale)")
    args = ap.parse_args()
    if any(n < 2 for n in args.modules):
        ap.error("--modules must be at least 2 (AppService uses the last two modules)")
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    if args.recursion_limit not in ("auto", "none") and not args.recursion_limit.isdigit():
        ap.error("--recursion-limit takes auto, none or a number")
    args.variants = [v for v in VARIANTS if v in args.variants]
    args.modes = list(MODES) if args.mode == "both" else [args.mode]

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(out / "target")
    if not args.incremental:
        env["CARGO_INCREMENTAL"] = "0"
    results = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "rustc": tool_version(["rustc", "--version"]),
        "cargo": tool_version(["cargo", "--version"]),
        "runs": args.runs,
        "incremental": args.incremental,
        "modes": args.modes,
        "variants": args.variants,
        "providers_per_module": 5,
        "rows": [],
    }
    ok = True
    try:
        for n in args.modules:
            ok &= measure(n, args, env, out, results)
            (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    except CompileFailed as e:
        report(results, args)
        (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
        print(f"\n{e}", file=sys.stderr)
        sys.exit(1)
    results["growth"] = growth(results, args)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    report(results, args)
    print(f"\nresults: {out / 'results.json'}")
    if not ok:
        sys.exit(1)


def resolve_limit(arg: str, n: int) -> int | None:
    if arg == "auto":
        return auto_recursion_limit(n)
    if arg == "none":
        return None
    return int(arg)


def measure(n: int, args: argparse.Namespace, env: dict[str, str], out: Path, results: dict) -> bool:
    """Generates, tests and times the crates for N; appends a row to results. False if the tests disagree."""
    model = Model(n)
    limit = resolve_limit(args.recursion_limit, n)
    crates: dict[str, tuple[Path, str]] = {}
    srcs: dict[str, str] = {}
    row: dict = {"n": n, "recursion_limit": limit, "lines": {}, "expected": model.expected(), "warmup": {}}
    for v in args.variants:
        dir, name = out / f"n{n}" / v, f"scale_{v}_n{n}"
        srcs[v] = GENERATORS[v](model, limit)
        write_crate(dir, name, srcs[v], v)
        crates[v] = (dir, name)
        row["lines"][v] = srcs[v].count("\n")
    print(
        f"N={n}: recursion_limit {limit}; lines " + ", ".join(f"{v} {row['lines'][v]}" for v in args.variants),
        file=sys.stderr,
        flush=True,
    )
    results["rows"].append(row)
    same = True
    if args.run:
        row["test"] = {}
        for v, (dir, _name) in crates.items():
            print(f"N={n} {v}: cargo test ...", file=sys.stderr, flush=True)
            row["test"][v] = run_tests(dir, env, v)
        same = len(set(row["test"].values())) == 1
        row["test_same"] = same
    # Warm-up: the dependencies (and, with --incremental, the crate's incremental cache).
    for v, (dir, _name) in crates.items():
        if not args.incremental:
            write_if_changed(dir / "src" / "lib.rs", WARMUP_STUB)
        for mode in args.modes:
            what = "the crate" if args.incremental else "dependencies only"
            print(f"N={n} {v}: warm-up cargo {' '.join(CARGO_ARGS[mode])} ({what}) ...", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            check_or_die(cargo(CARGO_ARGS[mode], dir, env), v, dir, mode)
            row["warmup"].setdefault(mode, {})[v] = dt = time.perf_counter() - t0
            print(f"  took {dt:.1f} s", file=sys.stderr, flush=True)
        write_if_changed(dir / "src" / "lib.rs", srcs[v])
    if "shaku" in crates:
        results["shaku"] = locked_version(crates["shaku"][0], "shaku")
    for mode in args.modes:
        times: dict[str, list[float]] = {v: [] for v in crates}
        row[mode] = times
        for r in range(args.runs):
            for v, (dir, name) in crates.items():
                times[v].append(timed_build(dir, name, env, v, mode))
            print(
                f"  {mode} run {r + 1}/{args.runs}: " + ", ".join(f"{v} {times[v][-1]:.2f} s" for v in crates),
                file=sys.stderr,
                flush=True,
            )
        row[f"{mode}_median"] = {v: statistics.median(ts) for v, ts in times.items()}
    return same


def growth(results: dict, args: argparse.Namespace) -> dict:
    """Per mode and variant: seconds per module between consecutive N, their last/first ratio, and
    the exponent of a least-squares fit of log(time) against log(N)."""
    out: dict = {}
    for mode in args.modes:
        rows = [(r["n"], r[f"{mode}_median"]) for r in results["rows"] if f"{mode}_median" in r]
        rows.sort()
        out[mode] = {}
        for v in args.variants:
            pts = [(n, med[v]) for n, med in rows if v in med]
            slopes = [
                {"from": a[0], "to": b[0], "s_per_module": (b[1] - a[1]) / (b[0] - a[0])} for a, b in zip(pts, pts[1:]) if b[0] != a[0]
            ]
            g: dict = {"slopes": slopes}
            if len(slopes) >= 2 and slopes[0]["s_per_module"] > 0:
                g["slope_ratio_last_first"] = slopes[-1]["s_per_module"] / slopes[0]["s_per_module"]
            if len({n for n, _ in pts}) >= 2:
                xs, ys = [math.log(n) for n, _ in pts], [math.log(t) for _, t in pts]
                mx, my = statistics.fmean(xs), statistics.fmean(ys)
                g["loglog_exponent"] = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            out[mode][v] = g
    return out


def report(results: dict, args: argparse.Namespace) -> None:
    """Prints the table, the growth lines and the test results."""
    sys.stderr.flush()
    rows = [r for r in results["rows"] if any(f"{mode}_median" in r for mode in args.modes)]
    has_hand = "hand" in args.variants
    if rows:
        head, align = ["N"], ["---:"]
        for mode in args.modes:
            for v in args.variants:
                head.append(f"{v} {mode} (s)")
                align.append("---:")
                if v != "hand" and has_hand:
                    head.append(f"{v} / hand")
                    align.append("---:")
        print()
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join(align) + "|")
        for r in rows:
            cells = [str(r["n"])]
            for mode in args.modes:
                med = r.get(f"{mode}_median", {})
                for v in args.variants:
                    cells.append(f"{med[v]:.2f}" if v in med else "-")
                    if v != "hand" and has_hand:
                        cells.append(f"{med[v] / med['hand']:.2f}x" if v in med and "hand" in med else "-")
            print("| " + " | ".join(cells) + " |")
        shaku = f"; shaku {results['shaku']}" if results.get("shaku") else ""
        cmds = " and ".join(f"`cargo {' '.join(CARGO_ARGS[mode])}`" for mode in args.modes)
        how = (
            "re-build of the unchanged crate with the incremental cache"
            if args.incremental
            else "full build of the app crate alone, dependencies prebuilt, CARGO_INCREMENTAL=0"
        )
        print(
            f"\n{cmds} after `touch src/lib.rs` ({how}), median of {args.runs}; 5 providers per module;"
            f" {results['rustc']}{shaku}."
        )
        g = results.get("growth") or growth(results, args)
        for mode in args.modes:
            parts = []
            for v in args.variants:
                gv = g.get(mode, {}).get(v, {})
                if not gv.get("slopes"):
                    continue
                sl = ", ".join(f"{s['from']}->{s['to']}: {s['s_per_module'] * 1000:.1f}" for s in gv["slopes"])
                extra = ""
                if "slope_ratio_last_first" in gv:
                    extra += f", last/first {gv['slope_ratio_last_first']:.2f}"
                if "loglog_exponent" in gv:
                    extra += f", log-log exponent {gv['loglog_exponent']:.2f}"
                parts.append(f"{v} {sl} ms/module{extra}")
            if parts:
                print(f"growth ({mode}): " + "; ".join(parts))
    tested = [r for r in results["rows"] if "test" in r]
    if tested:
        print()
        for r in tested:
            for v, line in r["test"].items():
                print(f"N={r['n']} {v:6}: {line}")
            if len(r["test"]) == len(args.variants):
                print(f"N={r['n']}: {'same result' if r.get('test_same') else 'DIFFERENT RESULTS'}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
