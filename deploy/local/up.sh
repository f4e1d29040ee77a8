#!/usr/bin/env bash
# Brings up CertMesh on loopback from a fresh Debian machine: servers, services, the examples, and their status.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/services.sh
source "$HERE/lib/services.sh"

set_state_dir "${1:-}"
"$HERE/infra-up.sh" "$STATE_DIR"
command -v dotnet >/dev/null || die "the .NET SDK 10 (dotnet) is required"
build_services
start_services

certmesh() { "$HERE/certmesh" "$@"; }

log "applying deploy/examples"
for manifest in "$REPO_ROOT"/deploy/examples/*.yaml; do
  certmesh apply -f "$manifest"
done

log "waiting for the example certificates"
certmesh wait certificate my-selfsigned-ca -n sandbox --for ready --timeout 120s
certmesh wait certificate web -n sandbox --for ready --timeout 120s
certmesh wait certificate dev-selfsigned -n default --for ready --timeout 120s
certmesh wait certificate shop -n sandbox --for ready --timeout 180s

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

# The ACME journey: the chain against Pebble's current root, then the Order and its Challenges as they ended.
# shellcheck disable=SC1091
source "$STATE_DIR/env"
out="$STATE_DIR/out/shop-tls"
fetch_shop() {
  rm -rf "$out"
  certmesh get secret shop-tls -n sandbox --out "$out" >/dev/null
  curl -fsS --cacert "$PEBBLE_CA_CERT" "$PEBBLE_MANAGEMENT/roots/0" >"$out/pebble-root.pem"
}
verify_shop() { openssl verify -CAfile "$out/pebble-root.pem" -untrusted "$out/tls.crt" "$out/tls.crt"; }
shop_revision() { certmesh get certificate shop -n sandbox -o json | grep -o '"revision": *[0-9]*' | grep -o '[0-9]*$'; }
fetch_shop
if ! verify_shop >/dev/null 2>&1; then
  # Pebble makes a new root at every start: a certificate from before its last restart chains to a root that is
  # gone. Renew it, as one would after a CA change (the account is registered again on the way).
  revision=$(shop_revision)
  log "sandbox/shop was issued by an earlier Pebble (its root changes at every start): renewing it"
  certmesh renew shop -n sandbox >/dev/null
  deadline=$((SECONDS + 180))
  until [[ "$(shop_revision)" -gt "$revision" ]]; do
    ((SECONDS < deadline)) || die "sandbox/shop was not renewed within 180s (see: $HERE/certmesh status certificate shop -n sandbox)"
    sleep 1
  done
  fetch_shop
fi
echo
certmesh status certificate shop -n sandbox
echo
echo "openssl verify of sandbox/shop-tls (from Pebble over HTTP-01) against Pebble's root:"
verify_shop
openssl x509 -in "$out/tls.crt" -noout -ext subjectAltName
echo
log "CertMesh is up. Use $HERE/certmesh (e.g. '$HERE/certmesh get certificates -A'); stop with $HERE/down.sh"
