#!/usr/bin/env bash
# Stops exactly the servers deploy/local/infra-up.sh started (by recorded pid); keeps their data unless --purge.
# Usage: deploy/local/infra-down.sh [--purge] [STATE_DIR]   (default deploy/local/.state)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR/lib
LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib"
source "$LIB/common.sh"
source "$LIB/rabbitmq.sh"
source "$LIB/postgres.sh"
source "$LIB/pebble.sh"
source "$LIB/bind.sh"
source "$LIB/prometheus.sh"

purge=0
state_arg=
for arg in "$@"; do
  case $arg in
    --purge) purge=1 ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    -*) die "unknown option $arg" ;;
    *) state_arg=$arg ;;
  esac
done

[[ $(id -u) -eq 0 ]] || die "run as root"
dir=${state_arg:-$REPO_ROOT/deploy/local/.state}
if [[ ! -d $dir ]]; then
  log "nothing to stop: $dir does not exist"
  exit 0
fi
set_state_dir "$dir"

prometheus_stop
pebble_stop
bind_stop
postgres_stop
rabbitmq_stop

if ((purge)); then
  # Only remove something that looks like an infra-up.sh state dir.
  [[ $STATE_DIR != / && -d $STATE_DIR/pids && -d $STATE_DIR/logs ]] || die "refusing to purge $STATE_DIR"
  rm -rf "$STATE_DIR"
  postgres_paths
  [[ $PG_SOCKET_DIR == /tmp/certmesh-pg-* ]] && rm -rf "$PG_SOCKET_DIR"
  log "purged $STATE_DIR"
fi
log "infrastructure is down"
