#!/usr/bin/env bash
# fuzz/run.sh - build every fuzz target and run each for a bounded time (make fuzz).
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   space-separated subset (default: every target in fuzz/Cargo.toml)
#   FUZZ_ARGS      extra libFuzzer arguments
#
# Needs cargo-fuzz (installed from crates.io when missing). cargo-fuzz passes nightly-only
# flags (-Zsanitizer=address, sanitizer coverage); on a stable toolchain RUSTC_BOOTSTRAP=1
# lets rustc accept them. New inputs go to fuzz/work/<target> (not checked in); the seeds
# in fuzz/corpus/<target> are read, never written. A crash leaves its input in
# fuzz/artifacts/<target>/ and makes this script fail once every target has run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CARGO=${CARGO:-cargo}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
export RUSTC_BOOTSTRAP=1

if ! "$CARGO" fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    "$CARGO" install --locked cargo-fuzz
fi

targets=${FUZZ_TARGETS:-$("$CARGO" fuzz list)}
# Debug assertions and overflow checks stay on (cargo fuzz's default): an overflow is a crash.
"$CARGO" fuzz build

failed=()
for target in $targets; do
    mkdir -p "work/$target" "corpus/$target"
    dict=()
    [[ -f "dict/$target.dict" ]] && dict=("-dict=dict/$target.dict")
    echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
    # -max_len: 64 KiB, far above any real config or body fragment worth mutating;
    # -timeout: one input taking longer than 10 s is reported as a hang.
    # shellcheck disable=SC2086
    if ! "$CARGO" fuzz run "$target" "work/$target" "corpus/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "${dict[@]}" ${FUZZ_ARGS:-} 2>"work/$target.log"; then
        failed+=("$target")
        tail -n 40 "work/$target.log"
        echo "fuzz: $target FAILED; input(s) in fuzz/artifacts/$target/ (log: fuzz/work/$target.log)"
    else
        echo "fuzz: $target ok: $(grep -E '^#[0-9]+[[:space:]]+DONE' "work/$target.log" | tail -n 1 | tr -s '[:space:]' ' ')"
    fi
done

if ((${#failed[@]})); then
    echo "fuzz: crashes or hangs in: ${failed[*]}"
    exit 1
fi
echo "fuzz: every target ran ${SECONDS_PER_TARGET}s without a crash"
