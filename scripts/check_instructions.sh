#!/usr/bin/env bash
# Instructions rustc executes checking one crate: a figure that does not move with the machine's
# load, unlike `cargo check`'s wall-clock time (rustc-perf counts the same way).
#
#   scripts/check_instructions.sh CRATE_DIR [CRATE_DIR..]
#
# For each crate (its dependencies are built first): touch src/lib.rs (or src/main.rs), take the
# rustc command `cargo check -v` runs for it, and run that command under
# `valgrind --tool=cachegrind --cache-sim=no`. Prints `CRATE_DIR <instructions>`.
# Typical use, on the crates `scripts/scale.py --out DIR` generates:
#   scripts/check_instructions.sh DIR/n100/hand DIR/n100/modkit
set -euo pipefail
# As scripts/scale.py times it: a full check of the crate, without rustc's incremental cache
# (with it, a third of the instructions went to the dependency graph and its hashing).
export CARGO_INCREMENTAL=0
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
for dir in "$@"; do
  (
    cd "$dir"
    cargo check -q >/dev/null 2>&1 || true
    src=src/lib.rs; [ -f "$src" ] || src=src/main.rs
    touch "$src"
    cmd=$(cargo check -v 2>&1 | grep -F 'Running `' | grep -F "$src" | tail -1 \
      | sed -E 's/^ *Running `(.*)`$/\1/; s/--error-format=json//; s/--json=[^ ]*//')
    [ -n "$cmd" ] || { echo "$dir: no rustc command found" >&2; exit 1; }
    refs=$(eval "valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null $cmd" 2>&1 \
      | sed -nE 's/.*I[[:space:]]+refs:[[:space:]]+([0-9,]+).*/\1/p')
    echo "$dir $refs"
  )
done
