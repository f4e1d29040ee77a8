#!/usr/bin/env bash
# Brings up CertMesh on loopback from a fresh Debian machine: servers, services, the examples, and their status.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/services.sh
source "$HERE/lib/services.sh"
# shellcheck source=lib/packages.sh
source "$HERE/lib/packages.sh"
# shellcheck source=lib/sample-app.sh
source "$HERE/lib/sample-app.sh"

set_state_dir "${1:-}"
"$HERE/infra-up.sh" "$STATE_DIR"
command -v dotnet >/dev/null || die "the .NET SDK 10 (dotnet) is required"
build_services
# The sample application takes CertMesh as an outside application would: NuGet packages from the local feed.
pack_certmesh_packages "$STATE_DIR/logs/build.log"
build_sample_app "$STATE_DIR/sample-app/bin" "$STATE_DIR/logs/build.log"
start_services

certmesh() { "$HERE/certmesh" "$@"; }
# Each service answered /health on its port above; check api also sees every service's heartbeat reach the Api (as
# an operator's "certmesh check api" would), prints them, and names the one that is not ready if any.
certmesh check api --wait 2m --interval 2s

# The TSIG key BIND accepts, as the Secret the DNS-01 example's rfc2136 solver names (never written to the repo).
# shellcheck disable=SC1091
source "$STATE_DIR/env"
mkdir -p "$STATE_DIR/out"
(
  umask 077
  cat >"$STATE_DIR/out/tsig-secret.yaml" <<EOF
apiVersion: v1
kind: Secret
metadata:
  name: tsig-secret
  namespace: cert-manager
type: Opaque
stringData:
  tsig-secret-key: $TSIG_SECRET
EOF
)
certmesh apply -f "$STATE_DIR/out/tsig-secret.yaml"

log "applying deploy/examples"
# In name order: 00 grants the example namespaces the ClusterIssuers their Certificates name.
for manifest in "$REPO_ROOT"/deploy/examples/*.yaml; do
  certmesh apply -f "$manifest"
done

log "waiting for the example certificates"
certmesh wait certificate my-selfsigned-ca -n sandbox --for ready --timeout 120s
certmesh wait certificate web -n sandbox --for ready --timeout 120s
certmesh wait certificate dev-selfsigned -n default --for ready --timeout 120s
certmesh wait certificate shop -n sandbox --for ready --timeout 180s
certmesh wait certificate wildcard -n sandbox --for ready --timeout 180s
certmesh wait certificate wildcard-webhook -n sandbox --for ready --timeout 180s
# No hand-written Certificate: the Edge asks for this one because deploy/local/edge-routes.json has a route for
# app.example.test naming the pebble-http01 ClusterIssuer (it re-checks that route once the ClusterIssuer exists).
certmesh wait certificate route-app -n edge --for ready --timeout 180s
certmesh wait certificate shop-ca -n shop --for ready --timeout 120s

echo
certmesh get certificates -A
echo
certmesh status certificate web -n sandbox

out="$STATE_DIR/out/web-tls"
rm -rf "$out"
certmesh get secret web-tls -n sandbox --out "$out" >/dev/null
echo
echo "openssl verify of sandbox/web-tls against its ca.crt:"
openssl verify -CAfile "$out/ca.crt" "$out/tls.crt"
if [[ "$(openssl x509 -in "$out/tls.crt" -noout -pubkey | openssl sha256)" == "$(openssl pkey -in "$out/tls.key" -pubout | openssl sha256)" ]]; then
  echo "tls.key matches tls.crt"
else
  die "tls.key does not match tls.crt"
fi

# The ACME journeys: each chain against Pebble's current root, then the Order and its Challenges as they ended.
# acme_certificate NAME SECRET [NAMESPACE]: fetch the Secret (renewing the certificate first if an earlier Pebble
# issued it), verify its chain, and print its names.
acme_certificate() {
  local name=$1 secret=$2 ns=${3:-sandbox} out="$STATE_DIR/out/$2" revision deadline
  fetch() {
    rm -rf "$out"
    certmesh get secret "$secret" -n "$ns" --out "$out" >/dev/null
    curl -fsS --cacert "$PEBBLE_CA_CERT" "$PEBBLE_MANAGEMENT/roots/0" >"$out/pebble-root.pem"
  }
  verify() { openssl verify -CAfile "$out/pebble-root.pem" -untrusted "$out/tls.crt" "$out/tls.crt"; }
  revision_of() { certmesh get certificate "$name" -n "$ns" -o json | grep -o '"revision": *[0-9]*' | grep -o '[0-9]*$'; }
  fetch
  if ! verify >/dev/null 2>&1; then
    # Pebble makes a new root at every start: a certificate from before its last restart chains to a root that is
    # gone. Renew it, as one would after a CA change (the account is registered again on the way).
    revision=$(revision_of)
    log "$ns/$name was issued by an earlier Pebble (its root changes at every start): renewing it"
    certmesh renew "$name" -n "$ns" >/dev/null
    deadline=$((SECONDS + 180))
    until [[ "$(revision_of)" -gt "$revision" ]]; do
      ((SECONDS < deadline)) || die "$ns/$name was not renewed within 180s (see: $HERE/certmesh status certificate $name -n $ns)"
      sleep 1
    done
    fetch
  fi
  echo
  certmesh status certificate "$name" -n "$ns"
  echo
  echo "openssl verify of $ns/$secret against Pebble's root:"
  verify
  openssl x509 -in "$out/tls.crt" -noout -text | grep -A1 "Subject Alternative Name"
}
acme_certificate shop shop-tls                          # HTTP-01 through the Edge
acme_certificate wildcard wildcard-tls                  # DNS-01 by RFC 2136 into BIND: example.test and *.example.test
acme_certificate wildcard-webhook wildcard-webhook-tls  # DNS-01 through a cert-manager webhook solver
# The sample application: its own RabbitMQ user, its key made and kept inside it, its certificate shop/checkout from
# the CA Issuer of shop (deploy/examples/06-shop-ca.yaml), served over HTTPS. The curl below is the proof.
log "starting the sample application (deploy/examples/sample-app)"
sample_app_user
start_sample_app
wait_sample_app
out="$STATE_DIR/out/checkout-tls"
rm -rf "$out"
certmesh get secret checkout-tls -n "$SAMPLE_APP_NAMESPACE" --out "$out" >/dev/null
[[ ! -e "$out/tls.key" ]] || die "the Secret of the sample application's certificate holds a tls.key: its key must never leave the application"
echo
echo "The sample application serves HTTPS with a certificate whose key never left it (Secret shop/checkout-tls has no tls.key):"
sample_curl=(curl -fsS --cacert "$out/ca.crt" --resolve "checkout.example.test:$SAMPLE_APP_HTTPS_PORT:127.0.0.1" "https://checkout.example.test:$SAMPLE_APP_HTTPS_PORT/")
echo "  ${sample_curl[*]}"
"${sample_curl[@]}" || die "the sample application did not answer that curl"

acme_certificate route-app route-app-tls edge           # HTTP-01, asked for by the Edge's route for app.example.test

# The Edge serving app.example.test over TLS with that certificate. Pebble's root is saved where the curl line says;
# the line is run only when the Edge listens on an HTTPS port (TLS termination at the Edge); until then it is printed.
edge_https_port=${EDGE_HTTPS_PORT:-5443}
cp "$STATE_DIR/out/route-app-tls/pebble-root.pem" "$STATE_DIR/out/pebble-root.pem"
edge_curl=(curl --cacert "$STATE_DIR/out/pebble-root.pem" --resolve "app.example.test:$edge_https_port:127.0.0.1" "https://app.example.test:$edge_https_port/")
echo
echo "The Edge's route for app.example.test over HTTPS:"
echo "  ${edge_curl[*]}"
if (exec 3<>"/dev/tcp/127.0.0.1/$edge_https_port") 2>/dev/null; then
  # TLS is what this proves; the HTTP status is the sample application's (502 from the Edge while it is not running).
  status=$("${edge_curl[@]}" -sS -o /dev/null -w '%{http_code}') || die "TLS to the Edge for app.example.test failed"
  echo "  -> TLS verified against Pebble's root; HTTP $status"
else
  echo "  (not run: nothing listens on 127.0.0.1:$edge_https_port, so the Edge does not terminate TLS in this build)"
fi

# Prometheus (started by infra-up.sh) scrapes every service: every stored certificate must be there with cert-manager's
# series and label names, as an existing dashboard or alert rule expects them.
echo
echo "Prometheus ($PROMETHEUS_URL) has cert-manager's series for every certificate:"
expected=$(certmesh get certificates -A 2>/dev/null | awk 'NR > 1' | wc -l)
prometheus_count() {
  curl -fsS --max-time 5 "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=count(max by (namespace, name, issuer_name, issuer_kind, issuer_group) ($1))" |
    sed -n 's/.*"value":\[[^,]*,"\([0-9]*\)"\].*/\1/p'
}
deadline=$((SECONDS + 60))
for series in certmanager_certificate_expiration_timestamp_seconds 'certmanager_certificate_ready_status{condition="True"} == 1'; do
  until [[ "$(prometheus_count "$series")" == "$expected" ]]; do
    ((SECONDS < deadline)) || die "Prometheus has $(prometheus_count "$series") certificates in $series, the store has $expected (see $PROMETHEUS_URL/targets)"
    sleep 2
  done
  echo "  $series: $expected of $expected certificates"
done
echo "  e.g. curl -s '$PROMETHEUS_URL/api/v1/query?query=certmanager_certificate_expiration_timestamp_seconds'"
echo
log "CertMesh is up. Use $HERE/certmesh (e.g. '$HERE/certmesh get certificates -A'); stop with $HERE/down.sh"
