#!/usr/bin/env bash
# The `floor` mode of tests/bench/run.sh: the most the CA path could reach on this machine with its plumbing.
#   tests/bench/run.sh floor --count N [--warmup W] [--concurrency C]
# Runs chains of five transactional hops — the hops a CA issuance makes (Trigger, Issuing, KeyManager, Issuing,
# Trigger) — through CertMesh's own consume pipeline (inbox mark, outbox hand-over, commit, sent-row delete) with no
# work of their own, in one process, on the stack's RabbitMQ and PostgreSQL (durable, a database of its own, dropped
# afterwards). The stack's services stay up and idle, as they would be. Prints the same CPU table as the ca mode. Last line:
#   hop-floor: N chains of 5 transactional hops in T s = X chains/s (Y hops/s), p50 A ms, p99 B ms
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../../deploy/local/lib/common.sh
source "$REPO_ROOT/deploy/local/lib/common.sh"
set_state_dir "${CERTMESH_STATE_DIR:-}"
PROJECT="$HERE/CertMesh.Bench.Floor/CertMesh.Bench.Floor.csproj"
DATABASE=certmesh_floor

[[ -r "$STATE_DIR/env" ]] || die "$STATE_DIR/env is missing: run deploy/local/up.sh first"
# shellcheck source=/dev/null
source "$STATE_DIR/env"
[[ -r "$STATE_DIR/secret.key" ]] || die "$STATE_DIR/secret.key is missing: run deploy/local/up.sh first"
command -v psql >/dev/null || die "psql is required (deploy/local/lib/install.sh installs it)"

# shellcheck source=lib/meter.sh
source "$HERE/lib/meter.sh"
meter_components
# A fresh database each run, as the stack's own user (it may create databases); the schema is the services' own.
admin() { PGDATABASE=postgres psql -qAtX -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
admin "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" 2>/dev/null && admin "CREATE DATABASE $DATABASE" \
  || die "could not create database $DATABASE on $PGHOST:$PGPORT as $PGUSER"
trap 'admin "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" || log "could not drop database $DATABASE"' EXIT

log "building the floor benchmark (Release)"
build_log="$STATE_DIR/logs/bench-floor-build.log"
dotnet build "$PROJECT" -c Release -nologo -v quiet >"$build_log" 2>&1 || { cat "$build_log" >&2; die "build failed"; }

# As the services run (deploy/local/lib/services.sh): their bus user, their secret key, their concurrency.
CERTMESH_POSTGRES="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$DATABASE" \
CERTMESH_SECRET_KEY=$(cat "$STATE_DIR/secret.key") CERTMESH_BUS_SYSTEM_USERS=guest CERTMESH_REPLICA_ID=floor \
ASPNETCORE_URLS=http://127.0.0.1:0 \
  dotnet "$HERE/CertMesh.Bench.Floor/bin/Release/net10.0/certmesh-bench-floor.dll" "$@" 2>"$STATE_DIR/logs/bench-floor.log"
