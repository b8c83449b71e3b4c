#!/usr/bin/env bash
# Is resolving a singleton from a modkit App the same machine code as hand-written wiring?
#
# Usage (from anywhere): scripts/resolve_asm.sh [N]     (N calls per callgrind run, default 100000)
#
# Builds the `resolve_loop` example of the `modkit-bench` crate in release and prints the
# disassembly of three `#[inline(never)]` functions of `benches/src/lib.rs`:
#   hand_resolve(&HandApp)          Arc::clone of a field of the hand-wired app
#   hand_arc_resolve(&Arc<HandApp>) the same app behind an Arc (as App holds its root module)
#   modkit_resolve(&App<AppModule>) app.get::<OrderService>()
# then says whether modkit_resolve is identical to each (instructions compared with addresses
# and displacements masked), and, when valgrind is installed, counts the instructions executed
# per call under callgrind (only inside the function: --toggle-collect).
# Needs objdump (binutils); valgrind is optional.
set -euo pipefail

cd "$(dirname "$0")/.."
N="${1:-100000}"

bin="$(cargo build --release -p modkit-bench --example resolve_loop --message-format=json 2>/dev/null \
    | grep -o '"executable":"[^"]*resolve_loop"' | tail -n1 | cut -d'"' -f4)"
if [[ -z "$bin" || ! -x "$bin" ]]; then
    echo "error: could not build the resolve_loop example; run:" >&2
    echo "  cargo build --release -p modkit-bench --example resolve_loop" >&2
    exit 1
fi

dump="$(mktemp)"
trap 'rm -f "$dump"' EXIT
objdump -d -C --no-show-raw-insn "$bin" >"$dump"

disasm() { # $1 = function name: its header line and instructions, int3 padding dropped
    awk -v f="<modkit_bench::$1>:" '$2 == f {on = 1; print; next} on && /^$/ {exit} on && !/int3$/' "$dump"
}
shape() { # instructions only, addresses and displacements masked
    disasm "$1" | tail -n +2 | cut -f2- \
        | sed -E 's/<[^>]*>//; s/0x[0-9a-f]+/D/g; s/(^|[ ,])\(%/\1D(%/g; s/\b[0-9a-f]{4,}\b/A/g; s/[[:space:]]+/ /g; s/ $//'
}

fns=(hand_resolve hand_arc_resolve modkit_resolve)
for f in "${fns[@]}"; do
    echo "== $f ($(disasm "$f" | tail -n +2 | wc -l) instructions)"
    disasm "$f" | tail -n +2
    echo
done

for f in hand_resolve hand_arc_resolve; do
    if diff <(shape "$f") <(shape modkit_resolve) >/dev/null; then
        echo "modkit_resolve vs $f: identical (up to addresses and field offsets)"
    else
        echo "modkit_resolve vs $f: different"
        diff <(shape "$f") <(shape modkit_resolve) | sed 's/^/    /' || true
    fi
done

if command -v valgrind >/dev/null; then
    echo
    echo "instructions executed per call (callgrind, $N calls, counted inside the function only):"
    for w in hand hand_arc modkit; do
        out="$(mktemp)"
        valgrind --tool=callgrind --callgrind-out-file="$out" "--toggle-collect=*::${w}_resolve*" \
            "$bin" "$w" "$N" >/dev/null 2>"$out.log"
        ir="$(grep -o 'Collected : [0-9]*' "$out.log" | grep -o '[0-9]*$')"
        printf '  %-18s %s\n' "${w}_resolve" "$(awk -v ir="$ir" -v n="$N" 'BEGIN {printf "%.2f", ir / n}')"
        rm -f "$out" "$out.log"
    done
else
    echo
    echo "(valgrind not found: no instruction counts)"
fi
