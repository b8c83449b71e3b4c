#!/usr/bin/env bash
# Fuzzes the front end of modkit's macros with cargo-fuzz (libFuzzer), one process at a time.
#
#   scripts/fuzz.sh [--merge] [runs]
#
# runs (default 10000000) is the total number of inputs, split 4:1 between the targets (fuzz/):
#   expand    one invocation of #[injectable], #[provider], #[module] or __join! on fuzzed tokens
#   pipeline  a fuzzed source file: every modkit item expanded, each module's chain played to __join!
# Each target starts from fuzz/corpus/<target> (seeds from tests/ and examples/, see
# fuzz/gen_corpus.py) plus what earlier runs found (fuzz/target/corpus/<target>, not committed).
# --merge adds to fuzz/corpus/<target> the inputs of this run that reach new edges.
#
# Besides panics, each expansion's text must lex again (a crash otherwise); an expansion without
# compile_error! should parse as a Rust file: a failure is not a crash (syn accepts some items
# that rustc rejects first) but a report, one per distinct message, in fuzz/target/reparse/<target>/.
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); the project itself stays
# on stable. Exits non-zero as soon as a target crashes (a panic, an output check, a timeout); the
# input is then in fuzz/artifacts/<target>/, minimize it with
#   cargo +nightly fuzz tmin -s none -a <target> fuzz/artifacts/<target>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."

merge=0
if [[ "${1:-}" == "--merge" ]]; then
    merge=1
    shift
fi
total="${1:-10000000}"
if ! [[ "$total" =~ ^[0-9]+$ ]] || ((total < 5)); then
    echo "usage: scripts/fuzz.sh [--merge] [runs]   (runs: a number of inputs, at least 5)" >&2
    exit 2
fi

# target, share of the runs (fifths), max input length; FUZZ_ONLY=<target> runs one of them
targets=("expand 4 4096" "pipeline 1 8192")
if [[ -n "${FUZZ_ONLY:-}" ]]; then
    mapfile -t targets < <(printf '%s\n' "${targets[@]}" | grep "^$FUZZ_ONLY ")
    if ((${#targets[@]} == 0)); then
        echo "FUZZ_ONLY=$FUZZ_ONLY: no such target (expand, pipeline)" >&2
        exit 2
    fi
fi
flags=(-s none -a) # no sanitizer (safe Rust), debug assertions and overflow checks on

cargo +nightly fuzz build "${flags[@]}"

summary=()
sum_runs=0
for t in "${targets[@]}"; do
    read -r name share max_len <<<"$t"
    runs=$((total * share / 5))
    work="fuzz/target/corpus/$name"
    mkdir -p "$work"
    log="fuzz/target/fuzz-$name.log"
    echo "== $name: $runs inputs (log: $log)"
    start=$(date +%s)
    reports="$PWD/fuzz/target/reparse/$name"
    set +e
    MODKIT_FUZZ_REPARSE_DIR="$reports" cargo +nightly fuzz run "${flags[@]}" "$name" "$work" "fuzz/corpus/$name" -- \
        -dict=fuzz/dict -runs="$runs" -max_len="$max_len" -timeout=20 \
        -print_final_stats=1 2>&1 | tee "$log" |
        grep --line-buffered -E 'pulse|INITED|DONE|panicked|ERROR|known panic|reparse report|crash-'
    status=${PIPESTATUS[0]}
    set -e
    secs=$(($(date +%s) - start))
    if ((status != 0)); then
        echo "== $name: CRASH (exit $status); see $log and fuzz/artifacts/$name/" >&2
        exit 1
    fi
    done_runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -oE 'DONE +cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9A-Za-z]+' "$log" | tail -1 | sed 's/DONE *//')
    sum_runs=$((sum_runs + ${done_runs:-0}))
    n_reports=0
    if [[ -d "$reports" ]]; then
        n_reports=$(find "$reports" -type f ! -name '*.txt' | wc -l)
    fi
    summary+=("$name: ${done_runs:-?} inputs in ${secs}s, ${rate:-?} execs/s, $cov; reparse reports: $n_reports")
    # libFuzzer never deletes from its corpus: keep the working corpus minimal for the next run.
    cargo +nightly fuzz cmin "${flags[@]}" "$name" "$work" -- -max_len="$max_len" -timeout=20 \
        >"fuzz/target/cmin-$name.log" 2>&1
    if ((merge)); then
        # Edges only (no hit counts): the committed corpus stays small.
        echo "== $name: merging new coverage into fuzz/corpus/$name"
        cargo +nightly fuzz run "${flags[@]}" "$name" "fuzz/corpus/$name" "$work" -- \
            -merge=1 -use_counters=0 -max_len="$max_len" -timeout=20 2>&1 |
            grep -E 'MERGE-OUTER: [0-9]+ new files' || true
    fi
done

echo "== no crash"
printf '   %s\n' "${summary[@]}"
echo "   total: $sum_runs inputs"
