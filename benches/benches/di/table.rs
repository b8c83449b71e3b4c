//! The markdown table printed after the run: one row per case (criterion group), per contender
//! the median time per operation read from criterion's
//! `<criterion dir>/<group>/<contender>/new/estimates.json`, and its ratio to the hand-written
//! baseline. A contender with no estimate (left out of a group, filtered out, never run) is
//! "n/a"; an estimate older than this run (a filtered run) is marked "(old)".

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Rows, in order.
pub const CASES: [&str; 4] = ["build", "resolve_deep", "request_scope", "transient"];
/// Columns, in order; the first is the baseline.
pub const CONTENDERS: [&str; 4] = ["hand", "modkit", "shaku", "nject"];

/// Where criterion writes: `$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`, else
/// `criterion/` in the target directory this bench binary runs from
/// (`<target>/<profile>/deps/di-<hash>`). The bench passes it to criterion explicitly, so the
/// table reads what criterion wrote whatever the working directory.
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .map_or_else(
            || PathBuf::from("target/criterion"),
            |t| t.join("criterion"),
        )
}

struct Estimate {
    ns: f64,
    old: bool,
}

/// The median of `<dir>/<group>/<function>/new/estimates.json`, in ns per iteration.
fn estimate(dir: &Path, group: &str, function: &str, started: SystemTime) -> Option<Estimate> {
    let path = dir
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let ns = json.get("median")?.get("point_estimate")?.as_f64()?;
    let old = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t < started);
    Some(Estimate { ns, old })
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 100.0 {
        format!("{ns:.0}")
    } else if ns >= 10.0 {
        format!("{ns:.1}")
    } else {
        format!("{ns:.2}")
    }
}

/// The table as markdown.
pub fn render(dir: &Path, started: SystemTime) -> String {
    let mut out = String::new();
    let _ = write!(out, "| case | {} (ns/op)", CONTENDERS[0]);
    for c in &CONTENDERS[1..] {
        let _ = write!(out, " | {c} (ns/op) | {c} / {}", CONTENDERS[0]);
    }
    out.push_str(" |\n|---|---:");
    for _ in &CONTENDERS[1..] {
        out.push_str("|---:|---:");
    }
    out.push_str("|\n");
    for case in CASES {
        let base = estimate(dir, case, CONTENDERS[0], started);
        let cell = |e: &Option<Estimate>| match e {
            Some(e) if e.old => format!("{} (old)", fmt_ns(e.ns)),
            Some(e) => fmt_ns(e.ns),
            None => "n/a".to_owned(),
        };
        let _ = write!(out, "| {case} | {}", cell(&base));
        for c in &CONTENDERS[1..] {
            let e = estimate(dir, case, c, started);
            let ratio = match (&e, &base) {
                (Some(e), Some(b)) if b.ns > 0.0 => format!("{:.2}x", e.ns / b.ns),
                _ => "n/a".to_owned(),
            };
            let _ = write!(out, " | {} | {ratio}", cell(&e));
        }
        out.push_str(" |\n");
    }
    out
}

/// Prints the table, and keeps a copy in `<dir>/modkit-bench.md`.
pub fn print(dir: &Path, started: SystemTime) {
    let table = render(dir, started);
    println!("\nmedian time per operation (criterion), ratio to hand-written wiring:\n");
    println!("{table}");
    let copy = dir.join("modkit-bench.md");
    if std::fs::write(&copy, &table).is_ok() {
        println!("(also written to {})", copy.display());
    }
}
