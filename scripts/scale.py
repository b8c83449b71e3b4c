#!/usr/bin/env python3
"""Compare `cargo check` time of a synthetic app wired by modkit's macros and wired by hand.

Usage (from anywhere; Python 3.11, stdlib only):

    python3 scripts/scale.py                      # N = 200 modules, median of 3 timed runs
    python3 scripts/scale.py --modules 50 200     # one table row per N
    python3 scripts/scale.py --modules 200 --runs 5 --run

What it does, for each N:

1. Generates the same synthetic app twice, as two throwaway crates under
   `<out>/n<N>/modkit` and `<out>/n<N>/hand` (default `<out>` = `target/scale/` of the
   repository, which git ignores). Each crate has a `[workspace]` table of its own so it does not
   join the repository's workspace, and both share one `CARGO_TARGET_DIR` (`<out>/target`) so
   modkit and its dependencies are built once. The repository's `Cargo.lock` is copied into each
   crate so the dependency versions are the ones the repository uses.

   The app ("chain" shape, N modules x 5 providers):
   - `CoreModule` provides and exports `Logger`.
   - Module `Mi` (i in 0..N) imports `CoreModule`, `M(i-1)` and `M(i-2)` when they exist,
     provides `Pi_0`..`Pi_4` and exports `Pi_0` and `Pi_1`.
     `Pi_0` <- `Logger`, `P(i-1)_0` (if i >= 1); `Pi_1` <- `Pi_0`, `P(i-2)_1` (if i >= 2);
     `Pi_2` <- `Pi_1`, `Logger`; `Pi_3` <- `Pi_2`; `Pi_4` <- `Pi_3`, `Pi_0`.
   - `AppModule` imports `CoreModule`, `M(N-1)`, `M(N-2)` and provides
     `AppService { a: Arc<P(N-1)_0>, b: Arc<P(N-2)_1> }`.

   The modkit crate uses `#[injectable]` / `#[module]` / `App`. The hand crate has the same
   provider structs, one struct per module holding an `Arc` of each of its providers and of the
   imported providers it uses, with `build(imports..) -> Self` constructing the providers in
   dependency order, and an `App` that builds every module once (shared through `Arc`).
   Both crates are a lib with `pub fn run() -> usize`: it builds the app and returns how many of
   three singleton-sharing checks hold (3 when the wiring is right).

2. Times `cargo check` of the app crate only: one warm-up `cargo check` builds the dependencies
   and the crate, then `--runs` times: `touch src/lib.rs` and time `cargo check` (the two crates
   are interleaved, run by run). Prints a markdown table of the medians:
   `| N | modkit (s) | hand (s) | modkit / hand |`.

3. With `--run`: `cargo test` in each crate. The test (compiled only under `cfg(test)`, so it is not
   part of the timed `cargo check`) builds the app, walks the graph from `AppService` and the
   root's visible exports, and checks `run() == 3`, the number of distinct provider instances
   reached and the size of the unshared dependency tree against values this script computes.
   Both crates must report the same line.

If a crate does not compile, the script prints the table so far and the first compiler error
verbatim (the whole output goes to `cargo-check.log` in the crate) and exits with status 1.

Known limit: with rustc's default `recursion_limit` (128), drop-check of the deeply nested
`Arc<P..>` types overflows (error E0320) from N = 63 in the modkit crate and from N = 64 in the
hand crate: the chain `Pi_0 -> P(i-1)_0 -> .. -> P0_0` nests one `Arc` per module. So N = 200
needs `--recursion-limit 1024`, which adds `#![recursion_limit = "1024"]` to both crates alike:

    python3 scripts/scale.py --modules 50 200 --run --recursion-limit 1024
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
REPO = SCRIPT_DIR.parent
MODKIT = REPO / "modkit"

HEADER = "#![allow(dead_code, non_camel_case_types, non_snake_case, clippy::all)]\n"
RECURSION_LIMIT: int | None = None  # set by --recursion-limit


def header() -> str:
    if RECURSION_LIMIT is None:
        return HEADER
    return HEADER + f'#![recursion_limit = "{RECURSION_LIMIT}"]\n'



# --------------------------------------------------------------------------------------------
# The synthetic app, as data
# --------------------------------------------------------------------------------------------


def p(i: int, k: int) -> str:
    return f"P{i}_{k}"


def providers(i: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """The providers of module i: (name, [(field, type)]) in dependency order."""
    p0 = [("log", "Logger")] + ([("prev", p(i - 1, 0))] if i >= 1 else [])
    p1 = [("p0", p(i, 0))] + ([("prev", p(i - 2, 1))] if i >= 2 else [])
    return [
        (p(i, 0), p0),
        (p(i, 1), p1),
        (p(i, 2), [("p1", p(i, 1)), ("log", "Logger")]),
        (p(i, 3), [("p2", p(i, 2))]),
        (p(i, 4), [("p3", p(i, 3)), ("p0", p(i, 0))]),
    ]


def imports(i: int) -> list[int]:
    """The modules `Mi` imports besides CoreModule."""
    return [j for j in (i - 1, i - 2) if j >= 0]


def app_service(n: int) -> list[tuple[str, str]]:
    return [("a", p(n - 1, 0)), ("b", p(n - 2, 1))]


def all_structs(n: int) -> list[tuple[str, list[tuple[str, str]]]]:
    out: list[tuple[str, list[tuple[str, str]]]] = [("Logger", [])]
    for i in range(n):
        out += providers(i)
    out.append(("AppService", app_service(n)))
    return out


def expected(n: int) -> tuple[int, int]:
    """(distinct instances, unshared tree size) reachable from the walk roots of the test."""
    deps = dict(all_structs(n))
    roots = walk_roots(n)
    seen: set[str] = set()
    stack = list(roots)
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

    return len(seen), tree("AppService")


def struct_def(name: str, fields: list[tuple[str, str]]) -> str:
    if not fields:
        return f"pub struct {name};\n"
    body = ", ".join(f"{f}: Arc<{t}>" for f, t in fields)
    return f"pub struct {name} {{ {body} }}\n"


# --------------------------------------------------------------------------------------------
# The shared test (cfg(test) only: not part of the timed `cargo check`)
# --------------------------------------------------------------------------------------------


def test_module(n: int, roots_expr: str, get_prelude: str) -> str:
    """A `#[cfg(test)]` module walking the graph from the roots `roots_expr` visits (after `get_prelude`)."""
    distinct, tree = expected(n)
    lines = [
        "#[cfg(test)]",
        "#[allow(unused_variables)]",
        "mod tests {",
        "    use super::*;",
        "    use std::collections::HashSet;",
        "",
        "    trait Walk {",
        "        fn walk(&self, seen: &mut HashSet<usize>, tree: &mut usize);",
        "    }",
        "    fn visit<T: Walk>(x: &Arc<T>, seen: &mut HashSet<usize>, tree: &mut usize) {",
        "        *tree += 1;",
        "        seen.insert(Arc::as_ptr(x) as usize);",
        "        x.walk(seen, tree);",
        "    }",
    ]
    for name, fields in all_structs(n):
        calls = " ".join(f"visit(&self.{f}, seen, tree);" for f, _ in fields)
        lines.append(f"    impl Walk for {name} {{ fn walk(&self, seen: &mut HashSet<usize>, tree: &mut usize) {{ {calls} }} }}")
    lines += [
        "",
        "    #[test]",
        "    fn same_graph() {",
        f"        {get_prelude}",
        "        let mut seen = HashSet::new();",
        "        let mut tree = 0usize;",
        f"        {roots_expr}",
        "        let r = run();",
        "        println!(\"SCALE_RESULT run={} distinct={} tree={}\", r, seen.len(), first_tree);",
        "        assert_eq!(r, 3, \"run(): singleton checks\");",
        f"        assert_eq!(seen.len(), {distinct}, \"distinct instances\");",
        f"        assert_eq!(first_tree, {tree}, \"unshared tree size from AppService\");",
        "    }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def roots_walk(get: dict[str, str]) -> str:
    """Statements visiting each root; `get` maps a root type to the Rust expression yielding it."""
    stmts = []
    for i, (t, expr) in enumerate(get.items()):
        stmts.append(f"let r{i}: Arc<{t}> = {expr}; visit(&r{i}, &mut seen, &mut tree);")
        if i == 0:
            stmts.append("let first_tree = tree;")
    return " ".join(stmts)


def walk_roots(n: int) -> list[str]:
    return ["AppService", "Logger", p(n - 1, 0), p(n - 1, 1), p(n - 2, 0), p(n - 2, 1)]


RUN_CHECKS = """\
    let a0 = &svc.a; // P(N-1)_0 { log, prev: P(N-2)_0 }
    let b1 = &svc.b; // P(N-2)_1 { p0: P(N-2)_0, prev: .. }
    usize::from(Arc::ptr_eq(&a0.prev, &b1.p0))
        + usize::from(Arc::ptr_eq(&a0.log, &LOGGER))
        + usize::from(Arc::ptr_eq(&a0.prev, &P0))
"""


# --------------------------------------------------------------------------------------------
# The modkit crate
# --------------------------------------------------------------------------------------------


def gen_modkit(n: int) -> str:
    out = [header(), "use std::sync::Arc;\nuse modkit::{injectable, module, App};\n\n"]
    out.append("#[injectable]\n" + struct_def("Logger", []))
    out.append("#[module(providers = [Logger], exports = [Logger])]\npub struct CoreModule;\n\n")
    for i in range(n):
        provs = providers(i)
        for name, fields in provs:
            out.append("#[injectable]\n" + struct_def(name, fields))
        imps = ", ".join(["CoreModule"] + [f"M{j}" for j in imports(i)])
        names = ", ".join(name for name, _ in provs)
        out.append(
            f"#[module(imports = [{imps}], providers = [{names}], exports = [{p(i, 0)}, {p(i, 1)}])]\n"
            f"pub struct M{i};\n\n"
        )
    out.append("#[injectable]\n" + struct_def("AppService", app_service(n)))
    out.append(
        f"#[module(imports = [CoreModule, M{n - 1}, M{n - 2}], providers = [AppService])]\n"
        "pub struct AppModule;\n\n"
    )
    checks = (
        RUN_CHECKS.replace("&LOGGER", "&app.get::<Logger>()").replace("&P0", f"&app.get::<{p(n - 2, 0)}>()")
    )
    out.append(
        "/// Builds the app; returns how many of three singleton-sharing checks hold (3).\n"
        "pub fn run() -> usize {\n"
        "    let app = App::<AppModule>::build_sync().unwrap();\n"
        "    let svc = app.get::<AppService>();\n" + checks + "}\n\n"
    )
    get = {t: f"app.get::<{t}>()" for t in walk_roots(n)}
    out.append(test_module(n, roots_walk(get), "let app = App::<AppModule>::build_sync().unwrap();"))
    return "".join(out)


# --------------------------------------------------------------------------------------------
# The hand-wired crate
# --------------------------------------------------------------------------------------------


def snake(t: str) -> str:
    return "logger" if t == "Logger" else t.lower()


def hand_module(
    name: str,
    params: list[tuple[str, str]],
    provs: list[tuple[str, list[tuple[str, str]]]],
    used: list[tuple[str, str]],
) -> str:
    """A module struct. params: (param, module type); used: (imported provider, param it comes from)."""
    fields = [f"    pub {snake(t)}: Arc<{t}>," for t, _ in used]
    fields += [f"    pub {snake(t)}: Arc<{t}>," for t, _ in provs]
    sig = ", ".join(f"{prm}: &{ty}" for prm, ty in params)
    body = [f"        let {snake(t)} = Arc::clone(&{src}.{snake(t)});" for t, src in used]
    for t, deps in provs:
        if deps:
            init = ", ".join(f"{f}: Arc::clone(&{snake(d)})" for f, d in deps)
            body.append(f"        let {snake(t)} = Arc::new({t} {{ {init} }});")
        else:
            body.append(f"        let {snake(t)} = Arc::new({t});")
    all_names = ", ".join(snake(t) for t, _ in used + provs)
    return (
        f"pub struct {name} {{\n" + "\n".join(fields) + "\n}\n\n"
        f"impl {name} {{\n"
        f"    pub fn build({sig}) -> Self {{\n" + "\n".join(body) + f"\n        {name} {{ {all_names} }}\n"
        "    }\n}\n\n"
    )


def gen_hand(n: int) -> str:
    out = [header(), "use std::sync::Arc;\n\n"]
    for name, fields in all_structs(n):
        out.append(struct_def(name, fields))
    out.append("\n")
    out.append(hand_module("CoreModule", [], [("Logger", [])], []))
    for i in range(n):
        provs = providers(i)
        params = [("core", "CoreModule")] + [(f"m{j}", f"M{j}") for j in imports(i)]
        used = [("Logger", "core")]
        if i >= 1:
            used.append((p(i - 1, 0), f"m{i - 1}"))
        if i >= 2:
            used.append((p(i - 2, 1), f"m{i - 2}"))
        out.append(hand_module(f"M{i}", params, provs, used))
    # The root keeps what it can see: its own provider and its imports' exports.
    root_used = [("Logger", "core")] + [(p(j, k), f"m{j}") for j in (n - 1, n - 2) for k in (0, 1)]
    out.append(
        hand_module(
            "AppModule",
            [("core", "CoreModule"), (f"m{n - 1}", f"M{n - 1}"), (f"m{n - 2}", f"M{n - 2}")],
            [("AppService", app_service(n))],
            root_used,
        )
    )
    # The app: every module once, imports first, shared through Arc.
    mods = ["core"] + [f"m{i}" for i in range(n)]
    fields = ["    pub core: Arc<CoreModule>,"] + [f"    pub m{i}: Arc<M{i}>," for i in range(n)]
    fields.append("    pub root: AppModule,")
    body = ["        let core = Arc::new(CoreModule::build());"]
    for i in range(n):
        args = ", ".join(["&core"] + [f"&m{j}" for j in imports(i)])
        body.append(f"        let m{i} = Arc::new(M{i}::build({args}));")
    body.append(f"        let root = AppModule::build(&core, &m{n - 1}, &m{n - 2});")
    out.append(
        "pub struct App {\n" + "\n".join(fields) + "\n}\n\n"
        "impl App {\n    pub fn build() -> Self {\n" + "\n".join(body)
        + f"\n        App {{ {', '.join(mods)}, root }}\n    }}\n}}\n\n"
    )
    checks = RUN_CHECKS.replace("&LOGGER", "&app.root.logger").replace("&P0", f"&app.root.{snake(p(n - 2, 0))}")
    out.append(
        "/// Builds the app; returns how many of three singleton-sharing checks hold (3).\n"
        "pub fn run() -> usize {\n"
        "    let app = App::build();\n"
        "    let svc = Arc::clone(&app.root.appservice);\n" + checks + "}\n\n"
    )
    get = {t: f"Arc::clone(&app.root.{snake(t)})" for t in walk_roots(n)}
    out.append(test_module(n, roots_walk(get), "let app = App::build();"))
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Crates, cargo, timing
# --------------------------------------------------------------------------------------------


def write_crate(dir: Path, name: str, src: str, modkit_dep: bool) -> None:
    (dir / "src").mkdir(parents=True, exist_ok=True)
    deps = ""
    if modkit_dep:
        rel = Path(os.path.relpath(MODKIT, dir)).as_posix()
        deps = f'modkit = {{ path = "{rel}" }}\n'
    manifest = (
        "# Generated by scripts/scale.py; throwaway.\n"
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        f"[dependencies]\n{deps}\n"
        "# Not a member of the repository's workspace.\n[workspace]\n"
    )
    write_if_changed(dir / "Cargo.toml", manifest)
    lock = REPO / "Cargo.lock"
    if modkit_dep and lock.exists() and not (dir / "Cargo.lock").exists():
        shutil.copyfile(lock, dir / "Cargo.lock")
    write_if_changed(dir / "src" / "lib.rs", src)


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def cargo(args: list[str], crate: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["cargo", *args], cwd=crate, env=env, text=True, capture_output=True)


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


def check_or_die(proc: subprocess.CompletedProcess[str], what: str, crate: Path, cmd: str = "check") -> None:
    """Raises CompileFailed with the first compiler error verbatim; the whole output goes to a log."""
    if proc.returncode != 0:
        log = crate / f"cargo-{cmd}.log"
        log.write_text(proc.stderr)
        raise CompileFailed(f"`cargo {cmd}` of the {what} crate ({crate}) failed; full output in {log}. First error:\n\n{first_error(proc.stderr)}")


def timed_check(crate: Path, env: dict[str, str], what: str) -> float:
    (crate / "src" / "lib.rs").touch()
    t0 = time.perf_counter()
    proc = cargo(["check"], crate, env)
    dt = time.perf_counter() - t0
    check_or_die(proc, what, crate)
    if "Checking" not in proc.stderr:
        print(f"warning: the timed check of {crate} did not recompile the crate", file=sys.stderr)
    return dt


def run_tests(crate: Path, env: dict[str, str], what: str) -> str:
    proc = cargo(["test", "--lib", "--", "--nocapture"], crate, env)
    m = re.search(r"^SCALE_RESULT .*$", proc.stdout, re.M)
    if proc.returncode != 0 and re.search(r"^error", proc.stderr, re.M) and "test result" not in proc.stdout:
        check_or_die(proc, what, crate, "test")
    if proc.returncode != 0:
        raise CompileFailed(f"`cargo test` of the {what} crate ({crate}) failed:\n\n{proc.stdout[-3000:]}")
    return m.group(0) if m else "(no SCALE_RESULT line)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modules", type=int, nargs="+", default=[200], metavar="N", help="module counts (default 200)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per crate; the median is shown (default 3)")
    ap.add_argument("--run", action="store_true", help="also `cargo test` both crates and compare their results")
    ap.add_argument(
        "--recursion-limit",
        type=int,
        metavar="L",
        help="add #![recursion_limit = \"L\"] to both crates (rustc's default 128 overflows drop-check of the"
        " nested Arc<P..> types: the modkit crate from N = 63, the hand crate from N = 64)",
    )
    ap.add_argument("--out", type=Path, default=REPO / "target" / "scale", help="where the crates go (default target/scale)")
    args = ap.parse_args()
    if any(n < 2 for n in args.modules):
        ap.error("--modules must be at least 2 (AppService uses the last two modules)")
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    global RECURSION_LIMIT
    RECURSION_LIMIT = args.recursion_limit
    out = args.out.resolve()
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(out / "target")

    rows: list[tuple[int, float, float]] = []
    results: list[tuple[int, dict[str, str], bool]] = []
    try:
        for n in args.modules:
            measure(n, args, env, out, rows, results)
    except CompileFailed as e:
        report(rows, results, args.runs)
        print(f"\n{e}", file=sys.stderr)
        sys.exit(1)
    if not report(rows, results, args.runs):
        sys.exit(1)


def measure(
    n: int,
    args: argparse.Namespace,
    env: dict[str, str],
    out: Path,
    rows: list[tuple[int, float, float]],
    results: list[tuple[int, dict[str, str], bool]],
) -> None:
    crates = {
        "modkit": (out / f"n{n}" / "modkit", f"scale_modkit_n{n}", gen_modkit(n), True),
        "hand": (out / f"n{n}" / "hand", f"scale_hand_n{n}", gen_hand(n), False),
    }
    for what, (dir, name, src, dep) in crates.items():
        write_crate(dir, name, src, dep)
    for what, (dir, name, src, dep) in crates.items():
        lines = src.count("\n")
        print(f"N={n} {what}: {dir / 'src' / 'lib.rs'} ({lines} lines); warm-up cargo check ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        check_or_die(cargo(["check"], dir, env), what, dir)
        print(f"  warm-up took {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    times: dict[str, list[float]] = {"modkit": [], "hand": []}
    for r in range(args.runs):
        for what, (dir, *_rest) in crates.items():
            times[what].append(timed_check(dir, env, what))
        print(
            f"  run {r + 1}/{args.runs}: modkit {times['modkit'][-1]:.2f} s, hand {times['hand'][-1]:.2f} s",
            file=sys.stderr,
            flush=True,
        )
    rows.append((n, statistics.median(times["modkit"]), statistics.median(times["hand"])))
    if args.run:
        res = {}
        for what, (dir, *_rest) in crates.items():
            print(f"N={n} {what}: cargo test ...", file=sys.stderr, flush=True)
            res[what] = run_tests(dir, env, what)
        results.append((n, res, res["modkit"] == res["hand"]))


def report(rows: list[tuple[int, float, float]], results: list[tuple[int, dict[str, str], bool]], runs: int) -> bool:
    """Prints the table (and the test results); False if the two crates disagreed."""
    sys.stderr.flush()
    if rows:
        print()
        print("| N | modkit (s) | hand (s) | modkit / hand |")
        print("|---:|---:|---:|---:|")
        for n, mk, hd in rows:
            print(f"| {n} | {mk:.2f} | {hd:.2f} | {mk / hd:.2f}x |")
        print(f"\n`cargo check` of the app crate after `touch src/lib.rs`, median of {runs}; 5 providers per module.")
    ok = True
    if results:
        print()
        for n, res, same in results:
            for what, line in res.items():
                print(f"N={n} {what:6}: {line}")
            print(f"N={n}: {'same result' if same else 'DIFFERENT RESULTS'}")
            ok &= same
    sys.stdout.flush()
    return ok

if __name__ == "__main__":
    main()
