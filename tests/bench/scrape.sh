#!/usr/bin/env bash
# What a Prometheus scrape of Trigger costs with N stored certificates: a database of its own is bulk-filled with N
# issued Certificates (SQL, not N issuances), one Trigger process runs on it (its own vhost), and /metrics is read
# five times plain and five times gzipped, per-certificate (cert-manager's series) and in aggregate mode.
# Usage: tests/bench/run.sh scrape [--stored N]
# Last line: metrics-scrape: 100000 certificates, 800000 series; full load 3.1 s; scrape 0.66 s for 103.0 MiB (gzip 0.70 s, 5.7 MiB); Trigger RSS 173 MiB; aggregate 0.01 s, 2.1 KiB
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
LIB="$REPO_ROOT/deploy/local/lib"
# shellcheck source=../../deploy/local/lib/common.sh
source "$LIB/common.sh"
# shellcheck source=../../deploy/local/lib/services.sh
source "$LIB/services.sh"
# shellcheck source=../../deploy/local/lib/rabbitmq.sh
source "$LIB/rabbitmq.sh"

stored=100000
while (($# > 0)); do
  case $1 in
    --stored) stored=$2; shift ;;
    *) die "unknown option $1 (usage: tests/bench/run.sh scrape [--stored N])" ;;
  esac
  shift
done

set_state_dir ""
[[ -r "$STATE_DIR/env" ]] || die "$STATE_DIR/env is missing: start the servers with deploy/local/infra-up.sh first"
# shellcheck disable=SC1091
source "$STATE_DIR/env"
[[ -f "$(service_dll Trigger)" ]] || build_services

database=certmesh_scrape_bench
psql_admin() { PGPASSWORD=certmesh psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U certmesh -d certmesh -Atqc "$1"; }
psql_bench() { PGPASSWORD=certmesh psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U certmesh -d "$database" -Atqc "$1"; }
psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)"
psql_admin "CREATE DATABASE $database"
rabbitmq_ensure_vhost certmesh-scrape-bench

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trigger_pid=
cleanup() {
  [[ -z $trigger_pid ]] || kill "$trigger_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start_trigger() {
  CERTMESH_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=certmesh;Password=certmesh;Database=$database" \
  CERTMESH_RABBITMQ="$CERTMESH_RABBITMQ/certmesh-scrape-bench" CERTMESH_SECRET_KEY=$(openssl rand -base64 32) \
  ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_gcServer=0 CERTMESH_METRICS_CERTIFICATES="$1" \
    dotnet "$(service_dll Trigger)" >"$STATE_DIR/logs/bench-scrape-trigger.log" 2>&1 &
  trigger_pid=$!
  local deadline=$((SECONDS + 600))
  until grep -qs "leads the resource metrics feed" "$STATE_DIR/logs/bench-scrape-trigger.log" && curl -fs -o /dev/null "http://127.0.0.1:$port/alive"; do
    ((SECONDS < deadline)) || die "Trigger never loaded its certificates (log: $STATE_DIR/logs/bench-scrape-trigger.log)"
    kill -0 "$trigger_pid" 2>/dev/null || die_with_log bench-scrape-trigger "Trigger exited"
    sleep 1
  done
}
stop_trigger() { kill "$trigger_pid"; wait "$trigger_pid" 2>/dev/null || true; trigger_pid=; }

# The first start creates the schema; then N issued Certificates go in with one statement.
start_trigger per-certificate
stop_trigger
log "filling $database with $stored issued certificates"
psql_bench "
  INSERT INTO resources (kind, namespace, name, uid, resource_version, doc)
  SELECT 'Certificate', 'ns-' || (i % 100), 'cert-' || i, gen_random_uuid(), 1, jsonb_build_object(
    'metadata', jsonb_build_object('name', 'cert-' || i, 'namespace', 'ns-' || (i % 100)),
    'spec', jsonb_build_object('secretName', 'cert-' || i || '-tls', 'dnsNames', jsonb_build_array('cert-' || i || '.example.test'),
      'issuerRef', jsonb_build_object('name', 'issuer-' || (i % 10), 'kind', 'ClusterIssuer', 'group', 'cert-manager.io')),
    'status', jsonb_build_object(
      'conditions', jsonb_build_array(jsonb_build_object('type', 'Ready', 'status', 'True', 'reason', 'Ready', 'lastTransitionTime', now())),
      'notBefore', now(), 'notAfter', now() + interval '90 days', 'renewalTime', now() + interval '60 days', 'revision', 1))
  FROM generate_series(1, $stored) AS i"
psql_bench "VACUUM ANALYZE resources"

measure() { # prints: seconds bytes (median of five)
  local flag=$1 i times=() size=0 line
  for i in 1 2 3 4 5; do
    line=$(curl -fsS $flag -o /dev/null -w '%{time_total} %{size_download}' "http://127.0.0.1:$port/metrics")
    times+=("${line% *}"); size=${line#* }
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)" "$size"
}

start_trigger per-certificate
load_ms=$(sed -n 's/.*Resource metrics loaded: [0-9]* resources in \([0-9]*\) ms.*/\1/p' "$STATE_DIR/logs/bench-scrape-trigger.log" | tail -n 1)
read -r plain_s plain_bytes < <(measure "")
read -r gzip_s gzip_bytes < <(measure "-H Accept-Encoding:gzip")
series=$(curl -fsS "http://127.0.0.1:$port/metrics" | grep -c '^certmanager_certificate_')
rss_kib=$(awk '/VmRSS/ { print $2 }' "/proc/$trigger_pid/status")
stop_trigger

start_trigger aggregate
read -r aggregate_s aggregate_bytes < <(measure "")
stop_trigger

log "per-certificate: $(printf '%s s, %s bytes; gzip %s s, %s bytes' "$plain_s" "$plain_bytes" "$gzip_s" "$gzip_bytes")"
awk -v n="$stored" -v series="$series" -v load="$load_ms" -v ps="$plain_s" -v pb="$plain_bytes" -v gs="$gzip_s" -v gb="$gzip_bytes" \
    -v rss="$rss_kib" -v as="$aggregate_s" -v ab="$aggregate_bytes" 'BEGIN {
  printf "metrics-scrape: %d certificates, %d series; full load %.1f s; scrape %.2f s for %.1f MiB (gzip %.2f s, %.1f MiB); Trigger RSS %d MiB; aggregate %.2f s, %.1f KiB\n",
    n, series, load / 1000, ps, pb / 1048576, gs, gb / 1048576, rss / 1024, as, ab / 1024 }'
