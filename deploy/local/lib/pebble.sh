# Pebble ACME test CA (127.0.0.1:14000, management :15000), resolving through the local BIND; sourced by infra-up/down.
# shellcheck shell=bash

pebble_paths() {
  PB_DIR="$STATE_DIR/pebble"
  PB_CA="$PB_DIR/ca.pem"            # the CA that signed Pebble's own HTTPS certificate: clients trust this
  PB_CERT="$PB_DIR/localhost.pem"
  PB_KEY="$PB_DIR/localhost.key"
  PB_CONFIG="$PB_DIR/pebble-config.json"
  # Port the Pebble VA fetches HTTP-01 tokens from (the Edge), and the DNS server its VA asks.
  EDGE_HTTP_PORT=${EDGE_HTTP_PORT:-5002}
  PEBBLE_DNS_SERVER=${PEBBLE_DNS_SERVER:-127.0.0.1:$BIND_PORT}
  PEBBLE_WFE_NONCEREJECT=${PEBBLE_WFE_NONCEREJECT:-0}
  # Pebble 2.4 takes its locks in inconsistent orders (the order handler read-locks an order twice; GetOrderByID
  # holds the store lock while it waits for an order's lock), so two requests touching one order at the wrong
  # instant hang every later request for good. On one OS thread its goroutines interleave only at preemption
  # points, which makes that instant vanishingly rare; Pebble is never the CPU bottleneck here.
  PEBBLE_GOMAXPROCS=${PEBBLE_GOMAXPROCS:-1}
}

# Pebble's HTTPS certificate: a local CA (10 years) and a localhost/127.0.0.1 leaf (2 years), made once.
pebble_certs() {
  if [[ ! -s "$PB_CA" || ! -s "$PB_DIR/ca.key" ]]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
      -subj "/CN=CertMesh local Pebble TLS CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$PB_DIR/ca.key" -out "$PB_CA" 2>/dev/null
    rm -f "$PB_CERT"
  fi
  if [[ ! -s "$PB_CERT" ]] || ! openssl x509 -in "$PB_CERT" -noout -checkend 86400 >/dev/null; then
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -subj "/CN=localhost" \
      -keyout "$PB_KEY" -out "$PB_DIR/localhost.csr" 2>/dev/null
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" >"$PB_DIR/localhost.ext"
    openssl x509 -req -in "$PB_DIR/localhost.csr" -CA "$PB_CA" -CAkey "$PB_DIR/ca.key" -CAcreateserial \
      -days 730 -sha256 -extfile "$PB_DIR/localhost.ext" -out "$PB_CERT" 2>/dev/null
    rm -f "$PB_DIR/localhost.csr"
  fi
  chmod 600 "$PB_DIR/ca.key" "$PB_KEY"
}

pebble_write_config() {
  cat >"$PB_CONFIG.new" <<EOF
{
  "pebble": {
    "listenAddress": "127.0.0.1:$PEBBLE_PORT",
    "managementListenAddress": "127.0.0.1:$PEBBLE_MGMT_PORT",
    "certificate": "$PB_CERT",
    "privateKey": "$PB_KEY",
    "httpPort": $EDGE_HTTP_PORT,
    "tlsPort": $PEBBLE_TLS_PORT,
    "ocspResponderURL": "",
    "externalAccountBindingRequired": false
  }
}
EOF
  # Everything that shapes the running Pebble; a change means it must be restarted. PEBBLE_CHAIN_LENGTH (intermediates
  # between leaf and root, default 1) is only written when set, so a Pebble started without it is not restarted for it.
  printf 'dns=%s nonce_reject=%s authz_reuse=%s gomaxprocs=%s%s\n' "$PEBBLE_DNS_SERVER" "$PEBBLE_WFE_NONCEREJECT" \
    "${PEBBLE_AUTHZREUSE:-}" "$PEBBLE_GOMAXPROCS" "${PEBBLE_CHAIN_LENGTH:+ chain_length=$PEBBLE_CHAIN_LENGTH}" |
    cat "$PB_CONFIG.new" - >"$PB_DIR/settings.new"
}

pebble_dir_answers() { curl -fsS --max-time 2 --cacert "$PB_CA" "https://127.0.0.1:$PEBBLE_PORT/dir"; }

pebble_start() {
  pebble_paths
  mkdir -p "$PB_DIR"
  chmod 755 "$PB_DIR"
  pebble_certs
  pebble_write_config
  if running pebble pebble "$PEBBLE_PORT"; then
    if cmp -s "$PB_DIR/settings.new" "$PB_DIR/settings"; then
      rm -f "$PB_CONFIG.new" "$PB_DIR/settings.new"
      return 0
    fi
    log "Pebble settings changed (EDGE_HTTP_PORT / PEBBLE_DNS_SERVER / PEBBLE_WFE_NONCEREJECT / PEBBLE_AUTHZREUSE / PEBBLE_CHAIN_LENGTH); restarting it"
    stop_pid pebble pebble
    # Its sockets close with its last thread; give the kernel a moment before calling the port someone else's.
    wait_for 10 port_closed "$PEBBLE_PORT" || true
    wait_for 10 port_closed "$PEBBLE_MGMT_PORT" || true
  fi
  require_port_free "$PEBBLE_PORT" "Pebble ACME"
  require_port_free "$PEBBLE_MGMT_PORT" "Pebble management"
  mv "$PB_CONFIG.new" "$PB_CONFIG"
  mv "$PB_DIR/settings.new" "$PB_DIR/settings"
  local -a extra_env=()
  [[ -n ${PEBBLE_AUTHZREUSE:-} ]] && extra_env+=("PEBBLE_AUTHZREUSE=$PEBBLE_AUTHZREUSE")
  [[ -n ${PEBBLE_CHAIN_LENGTH:-} ]] && extra_env+=("PEBBLE_CHAIN_LENGTH=$PEBBLE_CHAIN_LENGTH")
  (cd "$PB_DIR" && spawn pebble root env GOMAXPROCS="$PEBBLE_GOMAXPROCS" PEBBLE_VA_NOSLEEP=1 "PEBBLE_WFE_NONCEREJECT=$PEBBLE_WFE_NONCEREJECT" \
    "${extra_env[@]}" pebble -config "$PB_CONFIG" -dnsserver "$PEBBLE_DNS_SERVER")
  wait_up pebble pebble "$START_TIMEOUT" pebble_dir_answers ||
    die_with_log pebble "Pebble did not answer https://127.0.0.1:$PEBBLE_PORT/dir within ${START_TIMEOUT}s"
}

pebble_stop() {
  stop_pid pebble pebble
  stop_pid challtestsrv pebble-challtestsrv   # started by earlier versions of this script
}
