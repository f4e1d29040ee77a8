#!/usr/bin/env bash
# The `dns01` mode of tests/bench/run.sh: what presenting the apex and wildcard DNS-01 values together saves.
#   tests/bench/run.sh dns01 [--count N]        (default N = 5)
# Issues N certificates for <name> and *.<name>, one after the other, from the local Pebble through the running
# stack (ClusterIssuer pebble-dns01 of deploy/examples: RFC 2136 into BIND). First with the solver replicas as
# up.sh runs them, which hold both challenges of a name at once (one two-value TXT set); then with the replicas
# restarted with CERTMESH_DNS01_PRESENT_TOGETHER=false, one challenge per name at a time as cert-manager does.
# The replicas are restarted as up.sh runs them at the end. Last line:
#   dns01-wildcard: N apex+wildcard certs one at a time; together X s each, one after the other Y s each; ratio R
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../../deploy/local/lib/common.sh
source "$REPO_ROOT/deploy/local/lib/common.sh"
# shellcheck source=../../deploy/local/lib/services.sh
source "$REPO_ROOT/deploy/local/lib/services.sh"
set_state_dir "${CERTMESH_STATE_DIR:-}"
CLI="$REPO_ROOT/deploy/local/certmesh"
ISSUER=pebble-dns01
SOLVERS=(ChallengeSolver@1:8085 ChallengeSolver@2:8086)

count=5
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
"$CLI" get clusterissuer "$ISSUER" 2>/dev/null | awk 'NR == 2 { exit $2 == "True" ? 0 : 1 }' \
  || die "ClusterIssuer $ISSUER is not Ready: run deploy/local/up.sh first (it applies deploy/examples/05-acme-dns01-wildcard.yaml)"

log "building the benchmark (Release)"
dotnet build "$HERE/CertMesh.Bench/CertMesh.Bench.csproj" -c Release -nologo -v quiet >"$STATE_DIR/logs/bench-build.log" 2>&1 \
  || { cat "$STATE_DIR/logs/bench-build.log" >&2; die "build failed"; }

# restart_solvers [ENV=VALUE...]: stop the solver replicas by their PIDs, start them again with the given settings.
restart_solvers() {
  local entry name pidfile
  for entry in "${SOLVERS[@]}"; do
    name=${entry%%:*}; pidfile="$STATE_DIR/pids/svc-$name.pid"
    if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      kill -TERM "$(cat "$pidfile")"
      for _ in $(seq 1 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.2; done
    fi
  done
  for entry in "${SOLVERS[@]}"; do (export "$@"; start_service "${entry%%:*}" "${entry##*:}" >/dev/null 2>&1); done
  for entry in "${SOLVERS[@]}"; do wait_service "${entry%%:*}" "${entry##*:}"; done
}

# run_pairs LABEL: N certificates one at a time; prints the seconds per certificate.
run_pairs() {
  local label=$1 run_log="$STATE_DIR/logs/bench-dns01-$1.log"
  log "CertMesh: $count apex+wildcard certificates one at a time ($label)"
  dotnet "$HERE/CertMesh.Bench/bin/Release/net10.0/certmesh-bench.dll" ca --count "$count" --issuer "$ISSUER" \
    --wildcard --sequential --baseline-messages 0 --timeout $((count * 60 + 60)) >"$run_log" || true
  cat "$run_log" >&2
  [[ $(tail -n 1 "$run_log") =~ ^ca-issuer:\ ([0-9]+)\ certs\ in\ ([0-9.]+)\ s ]] && ((BASH_REMATCH[1] == count)) \
    || die "the $label run did not issue all $count certificates: $(tail -n 1 "$run_log")"
  awk -v n="$count" -v s="${BASH_REMATCH[2]}" 'BEGIN { printf "%.2f", s / n }'
}

trap 'log "restarting the solver replicas as up.sh runs them"; restart_solvers CERTMESH_DNS01_PRESENT_TOGETHER=true' EXIT
restart_solvers CERTMESH_DNS01_PRESENT_TOGETHER=true
together=$(run_pairs together)
log "restarting the solver replicas with CERTMESH_DNS01_PRESENT_TOGETHER=false"
restart_solvers CERTMESH_DNS01_PRESENT_TOGETHER=false
apart=$(run_pairs one-after-the-other)
awk -v n="$count" -v t="$together" -v a="$apart" 'BEGIN {
  printf "dns01-wildcard: %d apex+wildcard certs one at a time; together %.2f s each, one after the other %.2f s each; ratio %.2f\n", n, t, a, a / t
}'
