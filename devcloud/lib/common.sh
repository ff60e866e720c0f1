# devcloud/lib/common.sh - shared settings and helpers for the devcloud scripts.
# Sourced (not executed) by up, down, status, reset, env, smoke and load.
# Everything the devcloud creates lives under $DEVCLOUD_DIR.

DEVCLOUD_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEVCLOUD_DIR="${DEVCLOUD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ostack-devcloud}"

VENV="$DEVCLOUD_DIR/venv"
ETC="$DEVCLOUD_DIR/etc"
DATA="$DEVCLOUD_DIR/data"
LOGS="$DEVCLOUD_DIR/logs"
RUN="$DEVCLOUD_DIR/run"
CLOUDS_YAML="$DEVCLOUD_DIR/clouds.yaml"
TLS_DIR="$DEVCLOUD_DIR/tls"

HOST=127.0.0.1
# Public API ports (fixed: the catalog and the Rust tests use them).
KEYSTONE_PORT=5000
# The TLS front: keystone over https (certificates in $TLS_DIR, lib/tls.sh);
# the second port requires a client certificate signed by client-ca.pem.
KEYSTONE_TLS_PORT=5443
KEYSTONE_MTLS_PORT=5444
PLACEMENT_PORT=8778
GLANCE_PORT=9292
NOVA_PORT=8774
NEUTRON_PORT=9696
CINDER_PORT=8776
SWIFT_PORT=8080
SWIFT_OBJECT_PORT=6200
SWIFT_CONTAINER_PORT=6201
SWIFT_ACCOUNT_PORT=6202
# Private infrastructure ports.
PG_PORT="${DEVCLOUD_PG_PORT:-35432}"
RABBIT_PORT="${DEVCLOUD_RABBIT_PORT:-35672}"
RABBIT_DIST_PORT="${DEVCLOUD_RABBIT_DIST_PORT:-35673}"
EPMD_PORT="${DEVCLOUD_EPMD_PORT:-34369}"
MEMCACHED_PORT="${DEVCLOUD_MEMCACHED_PORT:-31211}"

PGBIN=/usr/lib/postgresql/15/bin
PGDATA="$DATA/postgres"
PGSOCK="$RUN/pgsock"

# Well-known credentials of this local, loopback-only dev cloud.
ADMIN_PASSWORD=devcloud-admin
DEMO_PASSWORD=devcloud-demo
SERVICE_PASSWORD=devcloud-service
APPCRED_SECRET=devcloud-appcred-secret
DB_USER=devcloud
DB_PASSWORD=devcloud-db
DB_URL_BASE="postgresql+psycopg2://$DB_USER:$DB_PASSWORD@$HOST:$PG_PORT"
TRANSPORT_URL="rabbit://guest:guest@$HOST:$RABBIT_PORT/"
KEYSTONE_URL="http://$HOST:$KEYSTONE_PORT"
# Compute host names: nova-compute runs as the first, nova-compute-2 as the second.
COMPUTE_HOST=devcloud
# cinder-volume backends of the file-backed driver (enabled_backends; hosts are $COMPUTE_HOST@<name>).
CINDER_BACKENDS=(file file2)
COMPUTE2_HOST=devcloud2
REGION=RegionOne

# Services in start order. Each has a pid file $RUN/NAME.pid (the pid is also
# the process group id, see svc_start) and a log file $LOGS/NAME.log.
ALL_SERVICES=(
  postgres epmd rabbitmq memcached
  keystone keystone-tls placement glance
  nova-api nova-conductor nova-scheduler nova-compute nova-compute-2
  neutron
  cinder-api cinder-scheduler cinder-volume cinder-backup
  swift-syslog swift-account swift-container swift-object swift-container-updater swift-proxy
)

STARTED=()  # services started by this run (svc_start)

log()  { printf '[devcloud %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf '[devcloud] ERROR: %s\n' "$*" >&2; exit 1; }

# Print the last lines of a service's log (for error messages).
show_log() {
  local name=$1 f="$LOGS/$1.log"
  if [[ -f $f ]]; then
    printf -- '---- last 30 lines of %s ----\n' "$f" >&2
    tail -n 30 "$f" >&2
    printf -- '---- end of %s ----\n' "$f" >&2
  else
    printf '(no log file %s)\n' "$f" >&2
  fi
}

# True if the pid is alive and not a zombie (PID 1 here does not reap).
pid_alive() {
  local pid=$1 state
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  state=$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ $state != Z && $state != X ]]
}

svc_pid() { [[ -f $RUN/$1.pid ]] && cat "$RUN/$1.pid"; }

svc_running() {
  local pid
  pid=$(svc_pid "$1") || return 1
  pid_alive "$pid"
}

# svc_start NAME [env VAR=... --] CMD...: run CMD in its own session (so its
# pid is its process group), output appended to $LOGS/NAME.log.
svc_start() {
  local name=$1; shift
  if svc_running "$name"; then
    return 0
  fi
  mkdir -p "$LOGS" "$RUN"
  printf '\n==== %s starting %s ====\n' "$(date '+%F %T')" "$name" >>"$LOGS/$name.log"
  setsid "$@" </dev/null >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  STARTED+=("$name")
  log "started $name (pid $!)"
}

# Members of a process group that are still alive (not zombies).
pgrp_members() {
  local p
  for p in $(pgrep -g "$1" 2>/dev/null); do
    pid_alive "$p" && echo "$p"
  done
  return 0
}

# svc_stop_group SIGNAL TIMEOUT NAME...: signal the process groups of the
# named services together, wait up to TIMEOUT s for all of them to exit, then
# KILL what is left. Removes their pid files.
svc_stop_group() {
  local sig=$1 timeout=$2 name pid i left
  shift 2
  local names=() pgids=()
  for name in "$@"; do
    pid=$(svc_pid "$name") || continue
    if [[ -n $(pgrp_members "$pid") ]]; then
      kill -"$sig" -- "-$pid" 2>/dev/null || true
      names+=("$name") pgids+=("$pid")
    else
      rm -f "$RUN/$name.pid"
    fi
  done
  ((${#names[@]} > 0)) || return 0
  for ((i = 0; i < timeout * 4; i++)); do
    left=0
    for pid in "${pgids[@]}"; do
      [[ -n $(pgrp_members "$pid") ]] && left=1 && break
    done
    ((left)) || break
    sleep 0.25
  done
  for i in "${!names[@]}"; do
    if [[ -n $(pgrp_members "${pgids[$i]}") ]]; then
      log "${names[$i]} did not stop within ${timeout}s, killing it"
      kill -KILL -- "-${pgids[$i]}" 2>/dev/null || true
    fi
    rm -f "$RUN/${names[$i]}.pid"
  done
  log "stopped ${names[*]}"
}

# Stop one service by its process group: signal $3 (default TERM), wait up
# to $2 s (default 20), then KILL.
svc_stop() { svc_stop_group "${3:-TERM}" "${2:-20}" "$1"; }

# Run a command as the postgres OS user (PostgreSQL refuses to run as root).
as_postgres() {
  setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
}

# Environment for the RabbitMQ node and rabbitmqctl (private node, loopback
# only); use as: env "${RABBIT_ENV[@]}" COMMAND.
RABBIT_ENV=(
  RABBITMQ_NODENAME=devcloud@localhost
  RABBITMQ_NODE_IP_ADDRESS=$HOST
  RABBITMQ_NODE_PORT=$RABBIT_PORT
  RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT
  ERL_EPMD_ADDRESS=$HOST
  ERL_EPMD_PORT=$EPMD_PORT
  "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  RABBITMQ_MNESIA_BASE=$DATA/rabbitmq/mnesia
  RABBITMQ_LOG_BASE=$LOGS/rabbitmq
  RABBITMQ_LOGS=-
  RABBITMQ_CONFIG_FILE=$ETC/rabbitmq/rabbitmq
  RABBITMQ_ENABLED_PLUGINS_FILE=$ETC/rabbitmq/enabled_plugins
  RABBITMQ_PID_FILE=$DATA/rabbitmq/node.pid
  RUNNING_UNDER_SYSTEMD=true
  HOME=$DATA/rabbitmq
)

# Python of the venv, running one of our helper scripts with the settings
# above in its environment (as DEVCLOUD_*).
dc_py() {
  DEVCLOUD_DIR="$DEVCLOUD_DIR" DEVCLOUD_HOST=$HOST DEVCLOUD_RUN="$RUN" DEVCLOUD_LOGS="$LOGS" \
  DEVCLOUD_DATA="$DATA" DEVCLOUD_CLOUDS_YAML="$CLOUDS_YAML" DEVCLOUD_REGION=$REGION \
  DEVCLOUD_KEYSTONE_PORT=$KEYSTONE_PORT DEVCLOUD_TLS_DIR="$TLS_DIR" \
  DEVCLOUD_KEYSTONE_TLS_PORT=$KEYSTONE_TLS_PORT DEVCLOUD_KEYSTONE_MTLS_PORT=$KEYSTONE_MTLS_PORT \
  DEVCLOUD_PLACEMENT_PORT=$PLACEMENT_PORT \
  DEVCLOUD_GLANCE_PORT=$GLANCE_PORT DEVCLOUD_NOVA_PORT=$NOVA_PORT DEVCLOUD_NEUTRON_PORT=$NEUTRON_PORT \
  DEVCLOUD_CINDER_PORT=$CINDER_PORT DEVCLOUD_SWIFT_PORT=$SWIFT_PORT \
  DEVCLOUD_SWIFT_OBJECT_PORT=$SWIFT_OBJECT_PORT DEVCLOUD_SWIFT_CONTAINER_PORT=$SWIFT_CONTAINER_PORT \
  DEVCLOUD_SWIFT_ACCOUNT_PORT=$SWIFT_ACCOUNT_PORT DEVCLOUD_PG_PORT=$PG_PORT \
  DEVCLOUD_RABBIT_PORT=$RABBIT_PORT DEVCLOUD_EPMD_PORT=$EPMD_PORT DEVCLOUD_MEMCACHED_PORT=$MEMCACHED_PORT \
  DEVCLOUD_DB_USER=$DB_USER DEVCLOUD_DB_PASSWORD=$DB_PASSWORD \
  DEVCLOUD_COMPUTE_HOST=$COMPUTE_HOST DEVCLOUD_COMPUTE2_HOST=$COMPUTE2_HOST \
  DEVCLOUD_ADMIN_PASSWORD=$ADMIN_PASSWORD DEVCLOUD_DEMO_PASSWORD=$DEMO_PASSWORD \
  DEVCLOUD_SERVICE_PASSWORD=$SERVICE_PASSWORD DEVCLOUD_APPCRED_SECRET=$APPCRED_SECRET \
    "$VENV/bin/python" "$DEVCLOUD_SRC/lib/$1" "${@:2}"
}
