#!/usr/bin/env bash
# What metrics and tracing cost on the CA path: the ca benchmark on the same stack with both off and with both on,
# alternated (off, on, off, on) so drift on the shared cores falls on both; the services are restarted between runs.
#   off: OTEL_SDK_DISABLED=true (no spans), CERTMESH_RESOURCE_METRICS=off (no change feed) and the change-numbering
#        triggers disabled, nothing scrapes /metrics.
#   on:  every span recorded and exported by OTLP/HTTP to a local sink (otlp-sink.py), Trigger and ChallengeSolver
#        lead their change feeds, and every service's /metrics is scraped (gzip) every 5 s, as Prometheus would.
# Usage: tests/bench/run.sh observability [--count N] [--rounds R]
# Last line: observability: ca 151.2 certs/s with metrics+tracing, 155.0 certs/s without (cost 2.5 %); spans sent in 812 exports, 41.3 MiB
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
LIB="$REPO_ROOT/deploy/local/lib"
# shellcheck source=../../deploy/local/lib/common.sh
source "$LIB/common.sh"
# shellcheck source=../../deploy/local/lib/services.sh
source "$LIB/services.sh"

count=2000
rounds=2
while (($# > 0)); do
  case $1 in
    --count) count=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    *) die "unknown option $1 (usage: tests/bench/run.sh observability [--count N] [--rounds R])" ;;
  esac
  shift
done

set_state_dir ""
[[ -r "$STATE_DIR/env" ]] || die "$STATE_DIR/env is missing: start the servers with deploy/local/infra-up.sh first"
# shellcheck disable=SC1091
source "$STATE_DIR/env"
for entry in "${CERTMESH_SERVICES[@]}"; do
  port_open "${entry##*:}" && die "${entry%%:*} already listens on ${entry##*:}: stop the stack (deploy/local/down.sh keeps the servers with --services-only if present, or stop it) first"
done
[[ -f "$(service_dll Trigger)" ]] || build_services

psql_db() { PGPASSWORD=certmesh psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U certmesh -d certmesh -Atqc "$1"; }
numbering() { psql_db "ALTER TABLE resources $1 TRIGGER resources_number_change; ALTER TABLE resources $1 TRIGGER resources_record_deletion"; }

sink_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
counts="$STATE_DIR/out/otlp-sink.counts"
mkdir -p "$STATE_DIR/out"; : >"$counts"
python3 "$HERE/otlp-sink.py" "$sink_port" "$counts" &
sink_pid=$!
scraper_pid=
cleanup() {
  [[ -z $scraper_pid ]] || kill "$scraper_pid" 2>/dev/null || true
  kill "$sink_pid" 2>/dev/null || true
  stop_services >/dev/null 2>&1 || true
  numbering ENABLE >/dev/null 2>&1 || true
}
trap cleanup EXIT

scrape_forever() {
  while sleep 5; do
    for entry in "${CERTMESH_SERVICES[@]}"; do
      curl -fsS --compressed -o /dev/null --max-time 30 "http://127.0.0.1:${entry##*:}/metrics" || true
    done
  done
}

run_ca() {
  "$HERE/run.sh" ca --count "$count" --cleanup 2>"$STATE_DIR/logs/bench-observability-$1.log" | tail -n 1
}

declare -a off_rates=() on_rates=()
for ((round = 1; round <= rounds; round++)); do
  log "round $round/$rounds: metrics and tracing off"
  numbering DISABLE
  OTEL_SDK_DISABLED=true CERTMESH_RESOURCE_METRICS=off start_services >/dev/null
  line=$(run_ca "off-$round"); log "  $line"
  off_rates+=("$(sed -n 's/.*= \([0-9.]*\) certs\/s.*/\1/p' <<<"$line")")
  stop_services >/dev/null

  log "round $round/$rounds: metrics and tracing on"
  numbering ENABLE
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf start_services >/dev/null
  scrape_forever & scraper_pid=$!
  line=$(run_ca "on-$round"); log "  $line"
  on_rates+=("$(sed -n 's/.*= \([0-9.]*\) certs\/s.*/\1/p' <<<"$line")")
  kill "$scraper_pid"; scraper_pid=
  stop_services >/dev/null
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
off=$(median "${off_rates[@]}")
on=$(median "${on_rates[@]}")
read -r exports bytes <"$counts" || { exports=0; bytes=0; }
log "off runs: ${off_rates[*]} certs/s; on runs: ${on_rates[*]} certs/s"
awk -v on="$on" -v off="$off" -v exports="${exports:-0}" -v bytes="${bytes:-0}" 'BEGIN {
  printf "observability: ca %.1f certs/s with metrics+tracing, %.1f certs/s without (cost %.1f %%); spans sent in %d exports, %.1f MiB\n",
    on, off, (off - on) / off * 100, exports, bytes / 1048576 }'
