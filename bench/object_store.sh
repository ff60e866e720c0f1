#!/usr/bin/env bash
# Object store transfers, side by side, on the devcloud: a 1 GiB object uploaded and downloaded
# by `ostack` (CLI, and the SDK through examples/object_store_transfer.rs), `openstack object
# create|save`, python-swiftclient (`swift upload --segment-size`, from the devcloud venv) and
# curl with a pre-issued token. Wall time, throughput and peak RSS (GNU time) of each.
#
#   bench/object_store.sh               # needs the devcloud up (devcloud/up)
#   SIZE_MIB=256 bench/object_store.sh  # a smaller object
#   SKIP_BUILD=1 bench/object_store.sh  # with target/release/ostack and the example already built
#   (OSTACK_BIN and OSTACK_SDK_BIN point at other builds of the CLI and of the example)
#
# Not a test: it prints a Markdown table. Single-stream rows send one PUT (or GET); segmented
# rows send 8 MiB segments, 4 at a time, as static large objects. ostack checks every transfer
# against swift's MD5 ETag unless told `--ignore-checksum` (curl checks nothing); the SDK rows
# include a password authentication (the CLI's token is cached, curl's is issued beforehand).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${SIZE_MIB:-1024}"
SEGMENT_MIB=8
THREADS=4

eval "$(devcloud/env)"
DEVCLOUD_DIR="${DEVCLOUD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ostack-devcloud}"
OPENSTACK="$DEVCLOUD_DIR/venv/bin/openstack"
SWIFT="$DEVCLOUD_DIR/venv/bin/swift"
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
if [ -z "${SKIP_BUILD:-}" ]; then  # SKIP_BUILD=1: the release binaries are built already
  cargo build --release -q -p ostack-cli
  cargo build --release -q -p ostack --example object_store_transfer
fi
OSTACK="${OSTACK_BIN:-$TARGET/release/ostack}"
SDK="${OSTACK_SDK_BIN:-$TARGET/release/examples/object_store_transfer}"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

WORK="$(mktemp -d)"
# private copies: a shared target dir may be rebuilt by someone else while the bench runs
cp "$OSTACK" "$WORK/ostack" && OSTACK="$WORK/ostack"
cp "$SDK" "$WORK/object_store_transfer" && SDK="$WORK/object_store_transfer"
CONTAINER="bench-objects-$$"
cleanup() {
  "$OSTACK" container delete --recursive "$CONTAINER" >/dev/null 2>&1 || true
  "$OSTACK" container delete --recursive "${CONTAINER}_segments" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "writing $SIZE_MIB MiB of random data..." >&2
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$WORK/data"
SUM="$(sha256sum "$WORK/data" | cut -d' ' -f1)"
"$OSTACK" container create "$CONTAINER" >/dev/null
"$OSTACK" container create "${CONTAINER}_segments" >/dev/null
TOKEN="$("$OSTACK" token issue -f value -c id)"
STORAGE="$("$OSTACK" catalog show object-store -f json | python3 -c 'import json,sys; print([e["url"] for e in json.load(sys.stdin)["endpoints"] if e["interface"]=="public"][0])')"

ROWS=()
# measure NAME DIRECTION DOWNLOADED-FILE-OR-- COMMAND...: wall time and peak RSS of one run;
# a download is checked against the data's SHA-256.
measure() {
  local name=$1 direction=$2 out=$3
  shift 3
  rm -f "$out"
  sync
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
    echo "FAILED: $name $direction" >&2
    cat "$WORK/stderr" >&2
    ROWS+=("| $name | $direction | failed | | |")
    return
  }
  read -r seconds rss_kb <"$WORK/time"
  if [ "$out" != - ]; then
    [ "$(sha256sum "$out" | cut -d' ' -f1)" = "$SUM" ] || { echo "CORRUPT: $name" >&2; ROWS+=("| $name | $direction | corrupt | | |"); return; }
    rm -f "$out"
  fi
  local mibs rss
  mibs="$(python3 -c "print(f'{$SIZE_MIB / max($seconds, 0.01):.0f}')")"
  rss="$((rss_kb / 1024))"
  ROWS+=("| $name | $direction | $seconds | $mibs | $rss |")
  echo "$name $direction: ${seconds}s, $mibs MiB/s, peak RSS $rss MiB" >&2
}

D="$WORK/data"
O="$WORK/out"
SEG=$((SEGMENT_MIB * 1024 * 1024))

measure "curl" upload - curl -sf -X PUT -H "X-Auth-Token: $TOKEN" -T "$D" "$STORAGE/$CONTAINER/curl"
measure "curl" download "$O" curl -sf -H "X-Auth-Token: $TOKEN" -o "$O" "$STORAGE/$CONTAINER/curl"

measure "ostack CLI" upload - "$OSTACK" object create "$CONTAINER" "$D" --name cli
measure "ostack CLI" download "$O" "$OSTACK" object save "$CONTAINER" cli --file "$O"
measure "ostack CLI --ignore-checksum" upload - "$OSTACK" object create "$CONTAINER" "$D" --name cli-unverified --ignore-checksum
measure "ostack CLI --ignore-checksum" download "$O" "$OSTACK" object save "$CONTAINER" cli-unverified --file "$O" --ignore-checksum
measure "ostack CLI, SLO ${SEGMENT_MIB} MiB x $THREADS" upload - \
  "$OSTACK" object create "$CONTAINER" "$D" --name cli-slo --segment-size "${SEGMENT_MIB}M" --segment-threads "$THREADS"
measure "ostack CLI, SLO ${SEGMENT_MIB} MiB x $THREADS" download "$O" "$OSTACK" object save "$CONTAINER" cli-slo --file "$O"

measure "ostack SDK" upload - "$SDK" upload "$CONTAINER" sdk "$D"
measure "ostack SDK" download "$O" "$SDK" download "$CONTAINER" sdk "$O"
measure "ostack SDK, SLO ${SEGMENT_MIB} MiB x $THREADS" upload - "$SDK" upload "$CONTAINER" sdk-slo "$D" "$SEG" "$THREADS"

measure "openstack" upload - "$OPENSTACK" object create "$CONTAINER" "$D" --name osc
measure "openstack" download "$O" "$OPENSTACK" object save "$CONTAINER" osc --file "$O"

SW=("$SWIFT" --os-auth-token "$TOKEN" --os-storage-url "$STORAGE")
measure "swift, SLO ${SEGMENT_MIB} MiB x $THREADS" upload - \
  "${SW[@]}" upload "$CONTAINER" "$D" --object-name swift --segment-size "$SEG" --segment-threads "$THREADS" --use-slo
measure "swift" download "$O" "${SW[@]}" download "$CONTAINER" swift -o "$O"

echo
echo "$SIZE_MIB MiB object, devcloud swift (one proxy worker) on $(nproc) cores, $(date +%F):"
echo
echo "| client | direction | seconds | MiB/s | peak RSS (MiB) |"
echo "|---|---|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
