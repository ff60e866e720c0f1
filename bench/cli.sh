#!/usr/bin/env bash
# Side-by-side timing of `ostack` vs `openstack` (python-openstackclient from the devcloud venv)
# vs `curl` making the same HTTP requests with a pre-issued token, against the devcloud.
#
#   bench/cli.sh            # needs the devcloud up (devcloud/up) and hyperfine (installed if missing)
#   RUNS=20 bench/cli.sh    # more runs per command
#
# Prints hyperfine's table for each command and a summary of the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-10}"
OPENSTACK_RUNS="${OPENSTACK_RUNS:-5}"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
eval "$(devcloud/env)"
DEVCLOUD_DIR="${DEVCLOUD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ostack-devcloud}"
OPENSTACK="$DEVCLOUD_DIR/venv/bin/openstack"
cargo build --release -q -p ostack-cli
OSTACK="$PWD/target/release/ostack"
OUT="$(mktemp -d)"
BENCH_SERVERS=""
cleanup() {
  rm -rf "$OUT"
  if [ -n "$BENCH_SERVERS" ]; then
    "$OSTACK" server list --name "^$BENCH_SERVERS" -f value -c ID | xargs -r "$OSTACK" server delete >/dev/null || true
  fi
}
trap cleanup EXIT

# server list is measured with 50 servers, as the targets are stated for that size
have="$("$OSTACK" server list -f value -c ID | wc -l)"
if [ "$have" -lt 50 ]; then
  BENCH_SERVERS="bench-$$"
  need=$((50 - have))
  echo "creating $need servers for the server list benchmark..."
  "$OSTACK" server create --flavor m1.tiny --image cirros --nic none --min "$need" --max "$need" "$BENCH_SERVERS" -f value -c id >/dev/null
  for _ in $(seq 1 120); do
    building="$("$OSTACK" server list --name "^$BENCH_SERVERS" -f value -c Status | grep -vc ACTIVE || true)"
    [ "$building" = 0 ] && break
    sleep 2
  done
fi

# A token and the endpoints for curl, issued once.
TOKEN="$("$OSTACK" token issue -f value -c id)"
COMPUTE="$("$OSTACK" catalog show compute -f json | python3 -c 'import json,sys; print([e["url"] for e in json.load(sys.stdin)["endpoints"] if e["interface"]=="public"][0])')"
NETWORK="$("$OSTACK" catalog show network -f json | python3 -c 'import json,sys; print([e["url"] for e in json.load(sys.stdin)["endpoints"] if e["interface"]=="public"][0])')"
IMAGE="$("$OSTACK" catalog show image -f json | python3 -c 'import json,sys; print([e["url"] for e in json.load(sys.stdin)["endpoints"] if e["interface"]=="public"][0])')"
MICRO="$("$OSTACK" versions show -f value -c 'Service Type' -c 'Max Microversion' 2>/dev/null | awk '$1=="compute" && $2!="None" {print $2}' | head -1)"
# ostack speaks min(its maximum 2.100, the cloud's maximum): curl sends the same
MICRO="$(python3 -c 'import sys; v = tuple(map(int, (sys.argv[1] or "2.100").split("."))); print("%d.%d" % min(v, (2, 100)))' "$MICRO")"
KEYSTONE_BODY="$(python3 -c '
import json, re, os
text = open(os.environ["OS_CLIENT_CONFIG_FILE"]).read()
# the devcloud clouds.yaml is simple: read the admin cloud block by hand (no yaml module in system python)
block = text.split("  devcloud:")[1].split("\n  devcloud-")[0]
get = lambda k: re.search(r"\b" + k + r": (\S+)", block).group(1)
print(json.dumps({"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": get("username"), "domain": {"name": get("user_domain_name")}, "password": get("password")}}}, "scope": {"project": {"name": get("project_name"), "domain": {"name": get("project_domain_name")}}}}}))
')"
AUTH_URL="$(python3 -c '
import re, os
text = open(os.environ["OS_CLIENT_CONFIG_FILE"]).read()
print(re.search(r"auth_url: (\S+)", text).group(1).rstrip("/"))')"

# ostack server list asks glance for the names of the servers' images in one request; so does curl
IMAGE_IDS="$("$OSTACK" server list --long -f value -c 'Image ID' | sort -u | grep -v '^$' | paste -sd, -)"
curl_get() {  # one curl process, one connection, all URLs in turn
  local cmd="curl -sf -H 'X-Auth-Token: $TOKEN' -H 'OpenStack-API-Version: compute $MICRO' -H 'X-OpenStack-Nova-API-Version: $MICRO'"
  for url in "$@"; do cmd="$cmd -o /dev/null '$url'"; done
  echo "$cmd"
}

declare -A CURL=(
  [token_issue]="curl -sf -o /dev/null -H 'Content-Type: application/json' -d '$KEYSTONE_BODY' '$AUTH_URL/auth/tokens'"
  [catalog_list]="curl -sf -o /dev/null -H 'Content-Type: application/json' -d '$KEYSTONE_BODY' '$AUTH_URL/auth/tokens'"
  [token_issue_no_cache]="curl -sf -o /dev/null -H 'Content-Type: application/json' -d '$KEYSTONE_BODY' '$AUTH_URL/auth/tokens'"
  [flavor_list]="$(curl_get "$COMPUTE/flavors/detail?is_public=True")"
  [server_list]="$(curl_get "$COMPUTE/servers/detail" "$IMAGE/v2/images?id=in:$IMAGE_IDS")"
  [network_list]="$(curl_get "$NETWORK/v2.0/networks")"
  [image_list]="$(curl_get "$IMAGE/v2/images")"
)
declare -A ARGS=(
  [token_issue]="token issue"
  [token_issue_no_cache]="--os-no-cache token issue"
  [catalog_list]="catalog list"
  [flavor_list]="flavor list"
  [server_list]="server list"
  [network_list]="network list"
  [image_list]="image list"
)

"$OSTACK" flavor list >/dev/null   # warm the token cache
NAMES="token_issue token_issue_no_cache catalog_list flavor_list server_list network_list image_list"
for name in $NAMES; do
  echo "== ${ARGS[$name]}"
  hyperfine --shell=bash --warmup 2 --runs "$RUNS" --export-json "$OUT/$name-fast.json" \
    -n ostack "$OSTACK ${ARGS[$name]} >/dev/null" -n curl "${CURL[$name]}" >/dev/null
  hyperfine --shell=bash --warmup 1 --runs "$OPENSTACK_RUNS" --export-json "$OUT/$name-openstack.json" \
    -n openstack "$OPENSTACK ${ARGS[$name]#--os-no-cache } >/dev/null" >/dev/null
done

python3 - "$OUT" $NAMES <<'PY'
import json, sys, os
out = sys.argv[1]
print(f"\n{'command':<22} {'ostack ms':>10} {'curl ms':>9} {'openstack ms':>13} {'vs curl':>8} {'openstack/ostack':>17}")
for name in sys.argv[2:]:
    fast = {r["command"]: r["mean"] * 1000 for r in json.load(open(f"{out}/{name}-fast.json"))["results"]}
    slow = json.load(open(f"{out}/{name}-openstack.json"))["results"][0]["mean"] * 1000
    o, c = fast["ostack"], fast["curl"]
    print(f"{name.replace('_', ' '):<22} {o:>10.1f} {c:>9.1f} {slow:>13.0f} {o / c:>7.2f}x {slow / o:>16.0f}x")
PY
