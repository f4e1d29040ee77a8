#!/usr/bin/env bash
# The `dns01` mode of tests/bench/run.sh: what presenting the apex and wildcard DNS-01 values together saves.
#   tests/bench/run.sh dns01 [--count N]        (default N = 3)
# Issues N certificates for <name> and *.<name>, one after the other, from the local Pebble through the running
# stack, in two settings:
#   bind     ClusterIssuer pebble-dns01: RFC 2136 straight into BIND, visible at once (validation takes ~0.2 s);
#   webhook  ClusterIssuer pebble-dns01-webhook with the reference webhook solver restarted with a 2 s propagation
#            delay, like a hosted DNS API: the first self-check misses, the next (10 s later) passes.
# Each setting runs with the solver replicas as up.sh starts them, which hold both challenges of a name at once (one
# two-value TXT set), and again with CERTMESH_DNS01_PRESENT_TOGETHER=false, one challenge per name at a time as
# cert-manager does. Everything is restarted as up.sh runs it at the end. Per setting it prints the seconds per
# certificate and the validation window (first challenge held to last one released, from the slot log); last line:
#   dns01-wildcard: N certs, 2 s propagation; together X s each (window W s), one after the other Y s each (window V s); ratio R
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../../deploy/local/lib/common.sh
source "$REPO_ROOT/deploy/local/lib/common.sh"
# shellcheck source=../../deploy/local/lib/services.sh
source "$REPO_ROOT/deploy/local/lib/services.sh"
set_state_dir "${CERTMESH_STATE_DIR:-}"
CLI="$REPO_ROOT/deploy/local/certmesh"
SOLVERS=(ChallengeSolver@1:8085 ChallengeSolver@2:8086)
PROPAGATION_DELAY=2

count=3
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    *) die "unknown option '$1' (dns01 takes --count N)" ;;
  esac
done
[[ $count =~ ^[1-9][0-9]*$ ]] || die "--count N must be a positive whole number"
[[ -r "$STATE_DIR/env" ]] || die "$STATE_DIR/env is missing: run deploy/local/up.sh first"
# shellcheck source=/dev/null
source "$STATE_DIR/env"
for issuer in pebble-dns01 pebble-dns01-webhook; do
  "$CLI" get clusterissuer "$issuer" 2>/dev/null | awk 'NR == 2 { exit $2 == "True" ? 0 : 1 }' \
    || die "ClusterIssuer $issuer is not Ready: run deploy/local/up.sh first (it applies deploy/examples/05-acme-dns01-wildcard.yaml)"
done

log "building the benchmark (Release)"
dotnet build "$HERE/CertMesh.Bench/CertMesh.Bench.csproj" -c Release -nologo -v quiet >"$STATE_DIR/logs/bench-build.log" 2>&1 \
  || { cat "$STATE_DIR/logs/bench-build.log" >&2; die "build failed"; }

# restart SERVICES_ARRAY_NAME [ENV=VALUE...]: stop those services (and their restart loops), start them again with the settings.
restart() {
  local -n entries=$1; shift
  local entry
  for entry in "${entries[@]}"; do stop_service "${entry%%:*}" >/dev/null 2>&1; done
  for entry in "${entries[@]}"; do (export "$@"; start_service "${entry%%:*}" "${entry##*:}" >/dev/null 2>&1); done
  for entry in "${entries[@]}"; do wait_service "${entry%%:*}" "${entry##*:}"; done
}
WEBHOOK=(WebhookSolver:8088)

# run_pairs ISSUER LABEL: N certificates one at a time; prints "seconds-per-certificate validation-window-seconds".
run_pairs() {
  local issuer=$1 label=$2 run_log="$STATE_DIR/logs/bench-dns01-$2.log" ns
  log "CertMesh: $count apex+wildcard certificates one at a time ($label)"
  dotnet "$HERE/CertMesh.Bench/bin/Release/net10.0/certmesh-bench.dll" ca --count "$count" --issuer "$issuer" \
    --wildcard --sequential --baseline-messages 0 --timeout $((count * 90 + 60)) >"$run_log" || true
  cat "$run_log" >&2
  [[ $(tail -n 1 "$run_log") =~ ^ca-issuer:\ ([0-9]+)\ certs\ in\ ([0-9.]+)\ s ]] && ((BASH_REMATCH[1] == count)) \
    || die "the $label run did not issue all $count certificates: $(tail -n 1 "$run_log")"
  local seconds=${BASH_REMATCH[2]}
  ns=$(sed -n 's/^run \(bench-[0-9a-f-]*\):.*/\1/p' "$run_log")
  # Per certificate: from its first challenge being held to its last one released (challenge names start c<i>-).
  local window
  window=$(psql "postgresql://certmesh:certmesh@127.0.0.1:$POSTGRES_PORT/certmesh" -tAc "
    SELECT round(avg(w)::numeric, 2) FROM (
      SELECT extract(epoch FROM max(ended_at) - min(started_at)) AS w FROM challenge_slots
      WHERE namespace = '$ns' GROUP BY split_part(name, '-', 1)) AS per_certificate")
  awk -v n="$count" -v s="$seconds" -v w="$window" 'BEGIN { printf "%.2f %.2f\n", s / n, w }'
}

trap 'log "restarting the solver replicas and the webhook solver as up.sh runs them";
      restart SOLVERS CERTMESH_DNS01_PRESENT_TOGETHER=true; restart WEBHOOK WEBHOOK_PROPAGATION_DELAY_SECONDS=0' EXIT
restart WEBHOOK "WEBHOOK_PROPAGATION_DELAY_SECONDS=$PROPAGATION_DELAY"
declare -A per_cert window
for mode in together apart; do
  log "solver replicas with CERTMESH_DNS01_PRESENT_TOGETHER=$([[ $mode == together ]] && echo true || echo false)"
  restart SOLVERS "CERTMESH_DNS01_PRESENT_TOGETHER=$([[ $mode == together ]] && echo true || echo false)"
  read -r per_cert[bind-$mode] window[bind-$mode] < <(run_pairs pebble-dns01 "bind-$mode")
  read -r per_cert[webhook-$mode] window[webhook-$mode] < <(run_pairs pebble-dns01-webhook "webhook-$mode")
  [[ -n ${per_cert[bind-$mode]:-} && -n ${per_cert[webhook-$mode]:-} ]] || die "a $mode run failed (see the lines above)"
done
for setting in bind webhook; do
  label=$([[ $setting == bind ]] && echo "BIND, visible at once" || echo "$PROPAGATION_DELAY s propagation")
  awk -v n="$count" -v l="$label" -v t="${per_cert[$setting-together]}" -v tw="${window[$setting-together]}" \
      -v a="${per_cert[$setting-apart]}" -v aw="${window[$setting-apart]}" 'BEGIN {
    printf "dns01-wildcard: %d certs, %s; together %.2f s each (window %.2f s), one after the other %.2f s each (window %.2f s); ratio %.2f\n", n, l, t, tw, a, aw, a / t
  }'
done
