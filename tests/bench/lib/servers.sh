# Shared by the bench modes that start their own Edge and nginx against the dev servers (edge.sh, edge-tls.sh).
# Source after setting STATE_DIR; defines log/die, checks the servers are up, exports PG* for psql from the Npgsql
# connection string, and offers free_port.
# shellcheck shell=bash

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }
not_up() { die "$1 — the CertMesh servers are not up: run deploy/local/infra-up.sh (or deploy/local/up.sh) first"; }

# require_tools TOOL...: each must be on PATH.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "'$tool' is required (deploy/local/lib/install.sh installs wrk, nginx-light and postgresql-client)"
  done
}

# require_servers: the state's env sourced, its secret key present, RabbitMQ and PostgreSQL answering.
require_servers() {
  [[ -r "$STATE_DIR/env" ]] || not_up "$STATE_DIR/env is missing"
  # shellcheck source=/dev/null
  source "$STATE_DIR/env"
  [[ -s "$STATE_DIR/secret.key" ]] || not_up "$STATE_DIR/secret.key is missing"
  local amqp=${CERTMESH_RABBITMQ#*://}; amqp=${amqp%%/*}
  (exec 3<>"/dev/tcp/${amqp%:*}/${amqp##*:}") 2>/dev/null || not_up "RabbitMQ does not accept connections on $amqp"
  # psql from the Npgsql connection string (Host=..;Port=..;Username=..;Password=..;Database=..).
  export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE
  PGHOST=$(pg_setting Host) PGPORT=$(pg_setting Port) PGUSER=$(pg_setting Username) PGPASSWORD=$(pg_setting Password) PGDATABASE=$(pg_setting Database)
  psql -qAtc 'SELECT 1' >/dev/null 2>&1 || not_up "PostgreSQL does not answer at $PGHOST:$PGPORT/$PGDATABASE"
}

pg_setting() { tr ';' '\n' <<<"$CERTMESH_POSTGRES" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { print substr($0, index($0, "=") + 1) }'; }

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
