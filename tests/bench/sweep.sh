#!/usr/bin/env bash
# What the store's size costs the renewal sweep and the services' memory. A database of its own is bulk-filled (SQL,
# not issuances) with copies of one Certificate the services really issued; every service runs on it (its own vhost and
# ports), at 10,000 stored and again at N stored. At each size, once the services are up and warm, D certificates'
# renewal time is moved into the past: Trigger's sweep finds them (its log says how long the claim query took) and
# renews them through KeyManager and Issuing. Then each service's resident memory is read from /proc.
# Usage: tests/bench/run.sh sweep [--stored N] [--due D] [--metrics per-certificate|aggregate|off] (Trigger's series)
# Last line: renewal-sweep: 1000000 stored, 1000 due found in 3.2 ms; service RSS 1100 MiB at 10k, 1300 MiB at 1M
# (RSS: the sum over the eight service processes, read after the renewals and a 15 s settle).
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

stored=1000000 due=1000 small=10000 metrics=per-certificate
while (($# > 0)); do
  case $1 in
    --stored) stored=$2; shift ;;
    --due) due=$2; shift ;;
    --metrics) metrics=$2; shift ;;
    *) die "unknown option $1 (usage: tests/bench/run.sh sweep [--stored N] [--due D] [--metrics per-certificate|aggregate|off])" ;;
  esac
  shift
done
((stored >= small && due <= small)) || die "--stored must be at least $small and --due at most $small"

set_state_dir ""
[[ -r "$STATE_DIR/env" ]] || die "$STATE_DIR/env is missing: start the servers with deploy/local/infra-up.sh first"
# shellcheck disable=SC1091
source "$STATE_DIR/env"
[[ -f "$(service_dll Trigger)" && -f "$REPO_ROOT/services/Cli/bin/$CERTMESH_CONFIGURATION/net10.0/certmesh.dll" ]] || build_services

database=certmesh_sweep_bench vhost=certmesh-sweep-bench
psql_admin() { PGPASSWORD=certmesh psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U certmesh -d certmesh -Atqc "$1"; }
psql_bench() { PGPASSWORD=certmesh psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U certmesh -d "$database" -Atqc "$1"; }
psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)"
psql_admin "CREATE DATABASE $database"
rabbitmq_ensure_vhost "$vhost"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SERVICES=(Trigger KeyManager Issuing AcmeOrder ChallengeSolver DnsWebhook Api Edge)
declare -A port pid
for name in "${SERVICES[@]}"; do port[$name]=$(free_port); done
edge_https_port=$(free_port)
secret_key=$(openssl rand -base64 32)
token=$(openssl rand -hex 24)
logs="$STATE_DIR/logs"

stop_services_here() {
  local name
  for name in "${SERVICES[@]}"; do [[ -z ${pid[$name]:-} ]] || kill "${pid[$name]}" 2>/dev/null || true; done
  for name in "${SERVICES[@]}"; do [[ -z ${pid[$name]:-} ]] || wait "${pid[$name]}" 2>/dev/null || true; pid[$name]=; done
}
cleanup() {
  stop_services_here
  psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Each service as start_service runs it (same settings), but on the bench database, vhost and ports, and without the
# restart loop: these are the bench's own processes, stopped by their PIDs.
start_services_here() { # $1: log suffix
  local name
  for name in "${SERVICES[@]}"; do
    (
      export CERTMESH_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=certmesh;Password=certmesh;Database=$database"
      export CERTMESH_RABBITMQ="$CERTMESH_RABBITMQ/$vhost" CERTMESH_SECRET_KEY=$secret_key
      export ASPNETCORE_URLS="http://127.0.0.1:${port[$name]}" CERTMESH_REPLICA_ID="$name-bench" CERTMESH_BUS_SYSTEM_USERS=guest
      export CERTMESH_ACME_CA_FILE="$PEBBLE_CA_CERT" CERTMESH_DNS01_RECURSIVE_NAMESERVERS="$BIND_SERVER"
      [[ $name == Edge ]] || export DOTNET_gcServer=0
      [[ $name != Edge ]] || export CERTMESH_EDGE_HTTPS_URL="https://127.0.0.1:$edge_https_port"
      if [[ $name == Api ]]; then
        CERTMESH_ADMIN_TOKEN_SHA256=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
        export CERTMESH_ADMIN_TOKEN_SHA256
      fi
      # off: no per-resource series at all (CERTMESH_RESOURCE_METRICS=off), to tell their memory from the rest.
      if [[ $name == Trigger && $metrics == off ]]; then export CERTMESH_RESOURCE_METRICS=off
      elif [[ $name == Trigger ]]; then export CERTMESH_METRICS_CERTIFICATES=$metrics; fi
      cd "$REPO_ROOT"
      exec dotnet "$(service_dll "$name")" >"$logs/bench-sweep-$name-$1.log" 2>&1 </dev/null
    ) &
    pid[$name]=$!
  done
  local deadline=$((SECONDS + 600))
  for name in "${SERVICES[@]}"; do
    until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:${port[$name]}/health"; do
      kill -0 "${pid[$name]}" 2>/dev/null || die_with_log "bench-sweep-$name-$1" "$name exited during start-up"
      ((SECONDS < deadline)) || die_with_log "bench-sweep-$name-$1" "$name not healthy after 600 s"
      sleep 0.5
    done
  done
}

cli() {
  CERTMESH_API="http://127.0.0.1:${port[Api]}" CERTMESH_TOKEN=$token \
    dotnet "$REPO_ROOT/services/Cli/bin/$CERTMESH_CONFIGURATION/net10.0/certmesh.dll" "$@"
}

# --- one Certificate issued for real: the document every bulk row copies ---------------------------------------------
log "issuing the template certificate through the bench's own services"
start_services_here setup
cli apply -f - >/dev/null <<'YAML'
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: sweep-selfsigned
spec:
  selfSigned: {}
---
apiVersion: auth.certmesh.io/v1
kind: ClusterIssuerGrant
metadata:
  name: sweep
spec:
  clusterIssuers: [sweep-selfsigned]
  namespaces: ["*"]
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: template
  namespace: sweep-template
spec:
  secretName: template-tls
  dnsNames: [template.sweep.test]
  privateKey: {algorithm: ECDSA, size: 256}
  issuerRef: {name: sweep-selfsigned, kind: ClusterIssuer, group: cert-manager.io}
YAML
cli wait certificate template -n sweep-template --for ready --timeout 120s >/dev/null ||
  die "the template certificate was not issued (logs: $logs/bench-sweep-*-setup.log)"
stop_services_here

# fill FROM TO: certificates cert-FROM..cert-TO in namespaces ns-0..ns-99, copies of the template, renewal in 60 days.
fill() {
  log "filling $database with certificates $1..$2"
  psql_bench "
    INSERT INTO resources (kind, namespace, name, uid, resource_version, doc, due_at)
    SELECT 'Certificate', ns, name, uid, 1, jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(t.doc,
        '{metadata,name}', to_jsonb(name)), '{metadata,namespace}', to_jsonb(ns)), '{metadata,uid}', to_jsonb(uid)),
        '{metadata,resourceVersion}', '1'), '{spec,secretName}', to_jsonb(name || '-tls')),
        '{spec,dnsNames}', jsonb_build_array(name || '.sweep.test')), t.due_at
    FROM (SELECT doc, due_at FROM resources WHERE kind = 'Certificate' AND namespace = 'sweep-template') AS t,
      LATERAL (SELECT 'ns-' || (i % 100) AS ns, 'cert-' || i AS name, gen_random_uuid() AS uid FROM generate_series($1, $2) AS i) AS g"
  psql_bench "VACUUM ANALYZE resources"
}

# The renewal time of cert-FROM..cert-TO moves into the past (due_at is what the sweep reads; the status says the same).
make_due() {
  psql_bench "
    UPDATE resources SET due_at = now() - interval '1 minute',
      doc = jsonb_set(doc, '{status,renewalTime}', to_jsonb(to_char((now() - interval '1 minute') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))
    WHERE kind = 'Certificate' AND name IN (SELECT 'cert-' || i FROM generate_series($1, $2) AS i) AND namespace LIKE 'ns-%'"
}

renewed() { psql_bench "SELECT count(*) FROM secrets WHERE namespace LIKE 'ns-%'"; }

# The claim query alone, timed by PostgreSQL on a warm cache (median of five, each rolled back: it locks what it finds).
time_query() {
  local ms=()
  for _ in 1 2 3 4 5; do
    ms+=("$(psql_bench "BEGIN; EXPLAIN (ANALYZE, FORMAT JSON) SELECT namespace, name FROM resources WHERE kind = 'Certificate' AND due_at IS NOT NULL AND due_at <= now() ORDER BY due_at LIMIT 1000 FOR UPDATE SKIP LOCKED; ROLLBACK" |
      python3 -c 'import json,sys; p=json.load(sys.stdin)[0]; print("%.2f" % (p["Planning Time"] + p["Execution Time"]))')")
  done
  printf '%s\n' "${ms[@]}" | sort -n | sed -n 3p
}

declare -A rss hwm # MiB by stage,service: resident now and the peak
# stage LABEL FROM TO: start everything, wait until warm, make FROM..TO due, wait for their renewals, settle, read RSS.
stage() {
  local label=$1 from=$2 to=$3 before deadline name
  start_services_here "$label"
  # Warm: Trigger has led its metrics feed (the full load done) and a few sweep passes ran.
  deadline=$((SECONDS + 900))
  until [[ $metrics == off ]] || grep -qs "leads the resource metrics feed" "$logs/bench-sweep-Trigger-$label.log"; do
    ((SECONDS < deadline)) || die "Trigger never loaded its certificates (log: $logs/bench-sweep-Trigger-$label.log)"
    sleep 1
  done
  sleep 10
  before=$(renewed)
  query_ms[$label]=$(time_query)
  make_due "$from" "$to"
  deadline=$((SECONDS + 600))
  until (($(renewed) >= before + to - from + 1)); do
    ((SECONDS < deadline)) || die "only $(($(renewed) - before)) of $((to - from + 1)) due certificates renewed (logs: $logs/bench-sweep-*-$label.log)"
    sleep 1
  done
  found_ms[$label]=$(sed -n 's/.*Renewal sweep re-evaluated \([0-9]*\) due certificates (found in \([0-9.]*\) ms).*/\1 \2/p' "$logs/bench-sweep-Trigger-$label.log" |
    awk -v want=$((to - from + 1)) '{ n += $1; ms += $2 } n >= want { printf "%.1f %d\n", ms, NR; exit }')
  sleep 15
  for name in "${SERVICES[@]}"; do
    rss[$label,$name]=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/${pid[$name]}/status")
    hwm[$label,$name]=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/${pid[$name]}/status")
  done
  stop_services_here
}

declare -A query_ms found_ms
fill 1 "$small"
stage small 1 "$due"
fill $((small + 1)) "$stored"
stage large $((small + 1)) $((small + due))

printf '%-16s %12s %12s %14s %14s\n' service "RSS 10k MiB" "RSS N MiB" "peak 10k MiB" "peak N MiB"
sum_small=0 sum_large=0
for name in "${SERVICES[@]}"; do
  printf '%-16s %12d %12d %14d %14d\n' "$name" "${rss[small,$name]}" "${rss[large,$name]}" "${hwm[small,$name]}" "${hwm[large,$name]}"
  sum_small=$((sum_small + rss[small,$name])) sum_large=$((sum_large + rss[large,$name]))
done
printf '%-16s %12d %12d\n' sum "$sum_small" "$sum_large"
log "Trigger's certificate series: $metrics"
read -r small_ms small_passes <<<"${found_ms[small]}"
read -r large_ms large_passes <<<"${found_ms[large]}"
log "claim query alone (PostgreSQL, planning + execution, median of 5): ${query_ms[small]} ms at 10k, ${query_ms[large]} ms at $stored (nothing due yet)"
log "Trigger's sweep: $due due found in $small_ms ms at 10k ($small_passes passes), $large_ms ms at $stored ($large_passes passes)"
short() { if (($1 % 1000000 == 0)); then echo "$(($1 / 1000000))M"; elif (($1 % 1000 == 0)); then echo "$(($1 / 1000))k"; else echo "$1"; fi; }
echo "renewal-sweep: $stored stored, $due due found in $large_ms ms; service RSS $sum_small MiB at $(short "$small"), $sum_large MiB at $(short "$stored")"
