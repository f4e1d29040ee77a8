#!/usr/bin/env bash
# Runs a CertMesh benchmark against the stack deploy/local/up.sh started.
#   tests/bench/run.sh ca --count N [--rate R] [--concurrency C] [--baseline-messages M] [--timeout S] [--cleanup] [--identity app]
#   tests/bench/run.sh floor --count N [--warmup W] [--concurrency C]
#   tests/bench/run.sh edge [--duration 10s] [--threads 2] [--connections 64]
#   tests/bench/run.sh edge-tls [--duration 10s] [--threads 2] [--connections 64] [--rounds 2]
#   tests/bench/run.sh acme --count N [--lego M]
#   tests/bench/run.sh dns01 [--count N]
#   tests/bench/run.sh observability [--count N] [--rounds R]
#   tests/bench/run.sh scrape [--stored N]
#   tests/bench/run.sh sweep [--stored N] [--due D] [--metrics per-certificate|aggregate|off]
# The last line printed is the result, e.g.
#   ca-issuer: 5000 certs in 15.2 s = 328.9 certs/s, p50 812 ms, p99 1790 ms, bus baseline 3600 msg/s
#   ca-issuer paced: 5000 certs at 200/s offered, 199.6/s issued, p50 41 ms, p99 380 ms, max 912 ms
#   hop-floor: 5000 chains of 5 transactional hops in 14.2 s = 352.1 chains/s (1761 hops/s), p50 6000 ms, p99 13000 ms
#   edge-http01: 51500 req/s, p99 6.11 ms; nginx 53800 req/s; ratio 0.96
#   edge-tls: handshakes 1900/s (nginx 2100/s, ratio 0.90); keep-alive 30000 req/s (nginx 36000 req/s, ratio 0.83)
#   acme-http01: 200 certs in 9.8 s = 20.4 certs/s; lego one-by-one 0.17 certs/s; ratio 120
#   dns01-wildcard: 5 apex+wildcard certs one at a time; together 0.9 s each, one after the other 1.7 s each; ratio 1.9
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
STATE_DIR=${CERTMESH_STATE_DIR:-$REPO_ROOT/deploy/local/.state}
CLI="$REPO_ROOT/deploy/local/certmesh"
PROJECT="$HERE/CertMesh.Bench/CertMesh.Bench.csproj"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }
not_up() { die "$1 — the CertMesh stack is not up: run deploy/local/up.sh first"; }

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
mode=$1
# The edge mode needs only PostgreSQL and RabbitMQ, not the services: it runs an Edge of its own (edge.sh).
[[ "$mode" == edge ]] && { shift; exec "$HERE/edge.sh" "$@"; }
[[ "$mode" == edge-tls ]] && { shift; exec "$HERE/edge-tls.sh" "$@"; }
[[ "$mode" == acme ]] && { shift; exec "$HERE/acme.sh" "$@"; }
# The floor mode runs the CA path's five transactional hops with no work of their own, on the running stack's servers.
[[ "$mode" == floor ]] && { shift; exec "$HERE/floor.sh" "$@"; }
[[ "$mode" == dns01 ]] && { shift; exec "$HERE/dns01.sh" "$@"; }
# The observability mode starts and stops the services itself (off, then on): the servers must run, the services not.
[[ "$mode" == observability ]] && { shift; exec "$HERE/observability.sh" "$@"; }
# The scrape mode runs one Trigger of its own on a database of its own, filled in bulk.
[[ "$mode" == scrape ]] && { shift; exec "$HERE/scrape.sh" "$@"; }
# The sweep mode runs every service of its own on a database of its own, bulk-filled to 10,000 and then N certificates.
[[ "$mode" == sweep ]] && { shift; exec "$HERE/sweep.sh" "$@"; }
[[ "$mode" == ca ]] || { log "unknown mode '$mode'"; usage; }

# --- the stack must be running: its settings, its API and its broker -------------------------------
[[ -r "$STATE_DIR/env" ]] || not_up "$STATE_DIR/env is missing"
# shellcheck source=/dev/null
source "$STATE_DIR/env"
api=${CERTMESH_API:-http://127.0.0.1:8080}
curl -sf --max-time 5 "$api/health" >/dev/null || not_up "the CertMesh API does not answer on $api/health"
amqp=${CERTMESH_RABBITMQ#*://}; amqp=${amqp%%/*}
(exec 3<>"/dev/tcp/${amqp%:*}/${amqp##*:}") 2>/dev/null || not_up "RabbitMQ does not accept connections on $amqp"
command -v dotnet >/dev/null || die "the .NET SDK 10 (dotnet) is required"

# --- the bench CA: a self-signed root in the cluster resource namespace backing ClusterIssuer bench-ca --
# A namespaced Issuer only serves its own namespace; every run uses a fresh namespace, so the CA is a
# ClusterIssuer, whose secret is looked up in the cluster resource namespace (cert-manager). Applying
# unchanged resources changes nothing, so this is safe to repeat.
setup_ca() {
  log "ensuring ClusterIssuer bench-ca (backed by cert-manager/bench-ca-root)"
  # Grants first: admission checks the Certificate below against them (Trigger reads grants again within 2 s).
  "$CLI" apply -f - >/dev/null <<'YAML'
# Every run uses a fresh namespace, so the bench CAs are granted to all of them; the root to cert-manager only.
apiVersion: auth.certmesh.io/v1
kind: ClusterIssuerGrant
metadata:
  name: bench
spec:
  clusterIssuers: [bench-ca, bench-ca-open]
  namespaces: ["*"]
---
apiVersion: auth.certmesh.io/v1
kind: ClusterIssuerGrant
metadata:
  name: bench-ca-root
spec:
  clusterIssuers: [selfsigned-issuer]
  namespaces: [cert-manager]
YAML
  sleep 3
  "$CLI" apply -f - >/dev/null <<'YAML'
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: bench-ca-root
  namespace: cert-manager
spec:
  isCA: true
  commonName: certmesh-bench-ca
  secretName: bench-ca-root
  duration: 87600h # 10 years
  privateKey:
    algorithm: ECDSA
    size: 256
  issuerRef:
    name: selfsigned-issuer
    kind: ClusterIssuer
    group: cert-manager.io
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: bench-ca
spec:
  ca:
    secretName: bench-ca-root
---
# The same CA, selected by no CertificateRequestPolicy: requests to it are approved by the default.
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: bench-ca-open
spec:
  ca:
    secretName: bench-ca-root
---
# Every request to bench-ca is judged by approver-policy's rules (and approved: the bench's names and keys are inside).
apiVersion: policy.cert-manager.io/v1alpha1
kind: CertificateRequestPolicy
metadata:
  name: bench
spec:
  selector:
    issuerRef: {name: bench-ca, kind: ClusterIssuer, group: cert-manager.io}
  allowed:
    dnsNames: {values: ["*.bench.example.test"], required: true}
    usages: ["digital signature", "key encipherment", "server auth", "client auth"]
  constraints:
    maxDuration: 2160h
    privateKey: {algorithm: ECDSA, minSize: 256}
YAML
  "$CLI" wait certificate bench-ca-root -n cert-manager --for ready --timeout 120s >/dev/null \
    || die "certificate cert-manager/bench-ca-root did not become ready (see: $CLI status certificate bench-ca-root -n cert-manager)"
  local deadline=$((SECONDS + 60))
  until "$CLI" get clusterissuer bench-ca 2>/dev/null | awk 'NR == 2 { exit $2 == "True" ? 0 : 1 }'; do
    ((SECONDS < deadline)) || die "ClusterIssuer bench-ca did not become ready: $("$CLI" get clusterissuer bench-ca 2>&1 | tail -n 1)"
    sleep 1
  done
}
setup_ca

# --- --identity app: publish as an application's own RabbitMQ user, bound to edit everywhere (runs use fresh
# namespaces), made as an operator makes one (deploy/local/add-app-user.sh, then the printed principal applied).
setup_app_user() {
  local user=certmesh-bench pwfile="$STATE_DIR/out/app-users/certmesh-bench.password"
  log "ensuring application user $user (RabbitMQ user, Principal, ClusterRoleBinding edit)"
  CERTMESH_APP_PASSWORD=$([[ -s "$pwfile" ]] && cat "$pwfile" || openssl rand -hex 24)
  export CERTMESH_APP_PASSWORD
  { "$REPO_ROOT/deploy/local/add-app-user.sh" --state "$STATE_DIR" "$user" 2>/dev/null
    cat <<YAML
---
apiVersion: auth.certmesh.io/v1
kind: ClusterRoleBinding
metadata:
  name: $user-edit
spec:
  role: edit
  subjects: [{kind: Principal, name: $user}]
YAML
  } | "$CLI" apply -f - >/dev/null || die "could not set up application user $user"
  export CERTMESH_BENCH_APP_USER=$user CERTMESH_BENCH_APP_PASSWORD=$CERTMESH_APP_PASSWORD
  sleep 3 # Trigger reads principals and bindings again within 2 s
}
args=("$@")
for ((i = 0; i < ${#args[@]} - 1; i++)); do
  [[ "${args[i]}" == --identity && "${args[i + 1]}" == app ]] && setup_app_user
done

# --- what the ca run meters over its measured part ----------------------------------------------------
# shellcheck source=lib/meter.sh
source "$HERE/lib/meter.sh"
meter_components

# --- build (Release) and run --------------------------------------------------------------------------
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
log "building the benchmark (Release)"
if ! dotnet build "$PROJECT" -c Release -nologo -v quiet >"$build_log" 2>&1; then
  cat "$build_log" >&2
  die "build failed"
fi
dll="$HERE/CertMesh.Bench/bin/Release/net10.0/certmesh-bench.dll"
exec dotnet "$dll" "$@"
