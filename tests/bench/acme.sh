#!/usr/bin/env bash
# The `acme` mode of tests/bench/run.sh: ACME HTTP-01 issuance through the running stack, against lego one by one.
#   tests/bench/run.sh acme --count N [--lego M]
# First CertMesh issues N single-name certificates from the local Pebble (ClusterIssuer pebble-http01 of
# deploy/examples, applied by up.sh) with every service, the Edge and the solver replicas up.sh runs. Then lego
# (Debian package) issues min(N, 10) certificates one after the other against the same Pebble; it needs Pebble's
# httpPort, so the Edge is stopped by its PID for that part and started again afterwards. Last line:
#   acme-http01: N certs in T s = X certs/s; lego one-by-one Y certs/s; ratio R
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../../deploy/local/lib/common.sh
source "$REPO_ROOT/deploy/local/lib/common.sh"
# shellcheck source=../../deploy/local/lib/services.sh
source "$REPO_ROOT/deploy/local/lib/services.sh"
set_state_dir "${CERTMESH_STATE_DIR:-}"
CLI="$REPO_ROOT/deploy/local/certmesh"
ISSUER=pebble-http01

count="" lego_count=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    --lego) lego_count=$2; shift 2 ;;
    *) die "unknown option '$1' (acme takes --count N and --lego M)" ;;
  esac
done
[[ $count =~ ^[1-9][0-9]*$ ]] || die "--count N is required (a positive whole number)"
lego_count=${lego_count:-$((count < 10 ? count : 10))}
command -v lego >/dev/null || die "'lego' is required (deploy/local/lib/install.sh installs it)"
[[ -r "$STATE_DIR/env" ]] || die "$STATE_DIR/env is missing: run deploy/local/up.sh first"
# shellcheck source=/dev/null
source "$STATE_DIR/env"
"$CLI" get clusterissuer "$ISSUER" 2>/dev/null | awk 'NR == 2 { exit $2 == "True" ? 0 : 1 }' \
  || die "ClusterIssuer $ISSUER is not Ready: run deploy/local/up.sh first (it applies deploy/examples/04-acme-http01.yaml)"

# Every run uses a fresh namespace, so the ClusterIssuer is granted to all of them (as run.sh grants bench-ca); applying
# it again changes nothing.
"$CLI" apply -f - >/dev/null <<YAML || die "could not grant ClusterIssuer $ISSUER to the bench namespaces"
apiVersion: auth.certmesh.io/v1
kind: ClusterIssuerGrant
metadata:
  name: bench-acme
spec:
  clusterIssuers: [$ISSUER]
  namespaces: ["*"]
YAML
sleep 3 # Trigger reads grants again within 2 s

# --- CertMesh: N certificates through the stack ----------------------------------------------------------
log "building the benchmark (Release)"
dotnet build "$HERE/CertMesh.Bench/CertMesh.Bench.csproj" -c Release -nologo -v quiet >"$STATE_DIR/logs/bench-build.log" 2>&1 \
  || { cat "$STATE_DIR/logs/bench-build.log" >&2; die "build failed"; }
# shellcheck source=lib/meter.sh
source "$HERE/lib/meter.sh"
METER_PEBBLE=1 meter_components
log "CertMesh: $count certificates from Pebble over HTTP-01"
run_log="$STATE_DIR/logs/bench-acme-certmesh.log"
dotnet "$HERE/CertMesh.Bench/bin/Release/net10.0/certmesh-bench.dll" ca --count "$count" --issuer "$ISSUER" \
  --baseline-messages 0 --timeout $((count * 2 + 120)) >"$run_log" || true
cat "$run_log"
certmesh_out=$(tail -n 1 "$run_log")
[[ $certmesh_out =~ ^ca-issuer:\ ([0-9]+)\ certs\ in\ ([0-9.]+)\ s\ =\ ([0-9.]+)\ certs/s ]] \
  || die "CertMesh run did not finish: $certmesh_out"
issued=${BASH_REMATCH[1]} seconds=${BASH_REMATCH[2]} rate=${BASH_REMATCH[3]}

# --- lego: one certificate after the other, on Pebble's httpPort -------------------------------------------
restart_edge() {
  start_service Edge "$EDGE_HTTP_PORT" >/dev/null 2>&1 && wait_service Edge "$EDGE_HTTP_PORT" || log "could not restart the Edge; run deploy/local/up.sh"
}
log "stopping the Edge (and its restart loop) so lego can listen on 127.0.0.1:$EDGE_HTTP_PORT"
stop_service Edge
lego_dir=$(mktemp -d)
trap 'rm -rf "$lego_dir"; restart_edge' EXIT
log "lego: $lego_count certificates one by one"
start=$(date +%s.%N)
now() { date +%s.%N; }
for i in $(seq 1 "$lego_count"); do
  LEGO_CA_CERTIFICATES="$PEBBLE_CA_CERT" lego --server "$PEBBLE_DIRECTORY" --accept-tos --email bench@example.test \
    --key-type ec256 --domains "lego$i.$(date +%s).bench.example.test" --http --http.port "127.0.0.1:$EDGE_HTTP_PORT" \
    --path "$lego_dir" run >>"$STATE_DIR/logs/bench-lego.log" 2>&1 || die "lego failed (log: $STATE_DIR/logs/bench-lego.log)"
done
awk -v n="$lego_count" -v start="$start" -v end="$(now)" -v issued="$issued" -v seconds="$seconds" -v rate="$rate" 'BEGIN {
  lego_seconds = end - start; lego_rate = n / lego_seconds
  printf "lego: %d certs in %.1f s\n", n, lego_seconds
  printf "acme-http01: %d certs in %.1f s = %.1f certs/s; lego one-by-one %.2f certs/s; ratio %.0f\n", issued, seconds, rate, lego_rate, rate / lego_rate
}'
