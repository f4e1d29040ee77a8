#!/usr/bin/env bash
# The `edge-tls` mode of tests/bench/run.sh: TLS at the Edge against nginx with the same certificate and key.
#   tests/bench/run.sh edge-tls [--duration 10s] [--threads 2] [--connections 64] [--rounds 2]
# Starts its own Edge (HTTPS on a free loopback port, certificates from a namespace of its own) against the dev stack's
# PostgreSQL and RabbitMQ, and its own nginx (Debian nginx-light). An openssl-made ECDSA P-256 leaf for "localhost"
# (signed by a CA made for the run) reaches the Edge the ordinary way, as a certificate Secret it loads from
# PostgreSQL; nginx reads the same files. Both answer the same 87-byte body (an HTTP-01 key authorization from the
# Edge's memory; a static file from nginx). Measured with wrk, same client, same run, Edge and nginx alternating:
#   (a) full handshakes: a new TCP connection and TLS handshake per request (wrk -H 'Connection: close'). wrk would
#       offer its previous session on every reconnect; a small LD_PRELOAD shim (edge-tls/wrk-no-resume.c) drops it,
#       so the client never offers one. Both servers keep resumption as they ship (tickets on): nginx logs every
#       resumed session and a single one fails the run. (openssl s_time cannot send SNI in OpenSSL 3.0, and the Edge
#       refuses a handshake without it, so wrk is the one client.)
#   (b) requests over keep-alive connections.
# Both are stopped by PID afterwards, and the run's Secret and token deleted. Last line:
#   edge-tls: handshakes X/s (nginx Y/s, ratio R1); keep-alive A req/s (nginx B req/s, ratio R2)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
STATE_DIR=${CERTMESH_STATE_DIR:-$REPO_ROOT/deploy/local/.state}

# shellcheck source=lib/servers.sh
source "$HERE/lib/servers.sh"

duration=10s threads=2 connections=64 rounds=2
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) die "unknown option '$1' (edge-tls takes --duration, --threads, --connections, --rounds)" ;;
  esac
done

require_tools dotnet wrk nginx psql openssl curl cc
require_servers
export CERTMESH_SECRET_KEY; CERTMESH_SECRET_KEY=$(cat "$STATE_DIR/secret.key")

work=$(mktemp -d)
chmod 755 "$work" # nginx's workers run as nobody and read the static file and certificate from here
edge_pid="" nginx_pid=""
run_id=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
namespace="edge-bench-$run_id" # the bench Edge serves this namespace alone; the dev stack's Edge never sees it
token="bench-tls-$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
cleanup() {
  [[ -n "$edge_pid" ]] && kill "$edge_pid" 2>/dev/null && wait "$edge_pid" 2>/dev/null || true
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  psql -qAtc "DELETE FROM http01_tokens WHERE token = '$token'; DELETE FROM secrets WHERE namespace = '$namespace'" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- one certificate and key for both: ECDSA P-256 leaf for localhost, signed by a CA made for this run -----
host=localhost # wrk sends the URL's host as SNI and must resolve it: /etc/hosts has localhost everywhere
openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key" 2>/dev/null
openssl req -x509 -new -key "$work/ca.key" -subj "/CN=CertMesh edge-tls bench CA $run_id" -days 2 -sha256 \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out "$work/ca.crt" 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$work/tls.key"
openssl req -new -key "$work/tls.key" -subj "/CN=$host" -out "$work/tls.csr" 2>/dev/null
printf 'subjectAltName=DNS:%s\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n' "$host" >"$work/leaf.ext"
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 2 -sha256 \
  -extfile "$work/leaf.ext" -out "$work/leaf.crt" 2>/dev/null
cat "$work/leaf.crt" "$work/ca.crt" >"$work/tls.crt" # as an issuer writes tls.crt: the leaf, then its chain
serial=$(openssl x509 -in "$work/leaf.crt" -noout -serial | cut -d= -f2)
chmod 644 "$work"/*.crt "$work/tls.key"

# --- the body: an 87-byte key authorization, as edge.sh ---------------------------------------------------
key_authorization="$token."
while ((${#key_authorization} < 87)); do key_authorization+="x"; done
key_authorization=${key_authorization:0:87}
path="/.well-known/acme-challenge/$token"

# --- the Edge ---------------------------------------------------------------------------------------------
log "building the Edge and the Secret writer (Release)"
dotnet build "$REPO_ROOT/services/Edge/CertMesh.Edge.csproj" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build failed"; }
edge_http=$(free_port) edge_https=$(free_port)
echo '{ "Routes": {}, "Clusters": {} }' >"$work/edge-routes.json"
start_edge() {
  (cd "$REPO_ROOT" && exec env ASPNETCORE_URLS="http://127.0.0.1:$edge_http" CERTMESH_EDGE_HTTPS_URL="https://127.0.0.1:$edge_https" \
    CERTMESH_EDGE_TLS_NAMESPACES="$namespace" CERTMESH_EDGE_ROUTES="$work/edge-routes.json" CERTMESH_EDGE_MISS_LOOKUP=false \
    dotnet "$REPO_ROOT/services/Edge/bin/Release/net10.0/CertMesh.Edge.dll") >>"$work/edge.log" 2>&1 &
  edge_pid=$!
  local deadline=$((SECONDS + 60))
  until curl -sf --max-time 2 "http://127.0.0.1:$edge_http/health" >/dev/null; do
    kill -0 "$edge_pid" 2>/dev/null || { cat "$work/edge.log" >&2; die "the Edge exited during start-up"; }
    ((SECONDS < deadline)) || { cat "$work/edge.log" >&2; die "the Edge did not become healthy on port $edge_http"; }
    sleep 0.2
  done
}
stop_edge() { kill "$edge_pid"; wait "$edge_pid" 2>/dev/null || true; edge_pid=""; }

# The first start creates the tables if the stack predates them; the token and the Secret are then written as the
# ChallengeSolver and Issuing write them, and the second start serves both from its initial load.
start_edge
psql -qAt -v ON_ERROR_STOP=1 -c "INSERT INTO http01_tokens (token, key_authorization, dns_name) VALUES ('$token', '$key_authorization', '$host')
  ON CONFLICT (token) DO UPDATE SET key_authorization = excluded.key_authorization" >/dev/null
(cd "$HERE/edge-tls" && dotnet run -c Release --file put-tls-secret.cs -- "$namespace" bench "$work/tls.crt" "$work/tls.key") >"$work/put.log" 2>&1 \
  || { cat "$work/put.log" >&2; die "could not write the certificate Secret"; }
stop_edge
start_edge
grep -q "serving Secret $namespace/bench" "$work/edge.log" || { cat "$work/edge.log" >&2; die "the Edge did not load the benchmark's certificate"; }

# --- nginx: same files, same body, TLS session settings as it ships -------------------------------------------
nginx_port=$(free_port)
mkdir -p "$work/www/.well-known/acme-challenge" "$work/nginx-temp"
printf '%s' "$key_authorization" >"$work/www/.well-known/acme-challenge/$token"
chmod -R a+rX "$work/www"
cat >"$work/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  default_type text/plain;
  # Only resumed sessions are logged: the log must stay empty, proving every measured handshake was a full one.
  map \$ssl_session_reused \$resumed { r 1; default 0; }
  log_format resumed '\$ssl_session_reused \$ssl_protocol';
  access_log $work/resumed.log resumed if=\$resumed;
  keepalive_requests 1000000; # Kestrel does not cap requests per connection; nginx's default would reconnect every 1000
  client_body_temp_path $work/nginx-temp/body;
  proxy_temp_path $work/nginx-temp/proxy;
  fastcgi_temp_path $work/nginx-temp/fastcgi;
  uwsgi_temp_path $work/nginx-temp/uwsgi;
  scgi_temp_path $work/nginx-temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port ssl http2;
    server_name $host;
    ssl_certificate $work/leaf.crt; # the Edge does not send the self-signed root either: the same bytes on the wire
    ssl_certificate_key $work/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $work/www;
  }
}
NGINX
nginx -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" &
nginx_pid=$!

edge_url="https://$host:$edge_https$path" nginx_url="https://$host:$nginx_port$path"
deadline=$((SECONDS + 10))
until curl -sf --max-time 2 --cacert "$work/ca.crt" "$nginx_url" >/dev/null; do
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx-error.log" >&2; die "nginx exited during start-up"; }
  ((SECONDS < deadline)) || die "nginx did not answer on port $nginx_port"
  sleep 0.1
done

# Same answer, same certificate, same chain, same protocol from both, verified against the run's CA.
for url in "$edge_url" "$nginx_url"; do
  [[ "$(curl -s --max-time 5 --cacert "$work/ca.crt" "$url")" == "$key_authorization" ]] || die "$url does not answer the 87-byte body"
done
describe_tls() {
  openssl s_client -connect "127.0.0.1:$1" -servername "$host" -CAfile "$work/ca.crt" -showcerts </dev/null 2>/dev/null |
    awk '/^ *[0-9]+ s:/ { n++ } /^Protocol *:|^New, / { p = $0 } /Cipher is/ { c = $NF } /Verify return code/ { v = $4 }
      END { printf "%d certs sent, %s, verify %s\n", n, c, v }'
}
edge_tls=$(describe_tls "$edge_https") nginx_tls=$(describe_tls "$nginx_port")
edge_serial=$(openssl s_client -connect "127.0.0.1:$edge_https" -servername "$host" </dev/null 2>/dev/null | openssl x509 -noout -serial | cut -d= -f2)
log "Edge  127.0.0.1:$edge_https: $edge_tls; serial $edge_serial"
log "nginx 127.0.0.1:$nginx_port: $nginx_tls"
[[ "$edge_serial" == "$serial" ]] || die "the Edge serves serial $edge_serial, not the benchmark's $serial"
[[ "$edge_tls" == "$nginx_tls" ]] || die "the Edge and nginx do not send the same chain and cipher: '$edge_tls' vs '$nginx_tls'"
# CPU time (ticks) the server on a port has used so far: the Edge's process, or nginx's master and workers. Beside
# each rate the run logs the server's CPU per request, which a machine shared with other work disturbs far less.
clk_tck=$(getconf CLK_TCK)
server_ticks() {
  local pids
  if [[ $1 == "$edge_https" ]]; then pids=$edge_pid; else pids="$nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"; fi
  for pid in $pids; do awk '{ print $14 + $15 }' "/proc/$pid/stat"; done | awk '{ s += $1 } END { print s }'
}

# wrk_run URL [wrk options...]: a warm-up, then the measured run; prints req/s. Fails on socket errors or non-2xx.
wrk_run() {
  local url=$1 port before after; shift
  port=${url#https://*:}; port=${port%%/*}
  wrk -t"$threads" -c"$connections" -d2s "$@" "$url" >/dev/null
  before=$(server_ticks "$port")
  wrk -t"$threads" -c"$connections" -d"$duration" "$@" "$url" >"$work/wrk.out"
  after=$(server_ticks "$port")
  sed 's/^/    /' "$work/wrk.out" >&2
  grep -q 'Non-2xx' "$work/wrk.out" && die "wrk saw non-2xx answers from $url"
  grep -q 'Socket errors' "$work/wrk.out" && die "wrk saw socket errors from $url"
  awk -v t=$((after - before)) -v hz="$clk_tck" '/ requests in / { printf "    server CPU: %.1f s, %.0f us per request\n", t / hz, t / hz * 1e6 / $1 }' "$work/wrk.out" >&2
  awk '/Requests\/sec:/ { printf "%.0f\n", $2 }' "$work/wrk.out"
}
cc -shared -fPIC -O2 -o "$work/wrk-no-resume.so" "$HERE/edge-tls/wrk-no-resume.c" -ldl || die "cannot build the wrk shim"
handshakes() { LD_PRELOAD="$work/wrk-no-resume.so" wrk_run "$1" -H 'Connection: close'; }
keepalive() { wrk_run "$1"; }
load() { awk '{ print $1 }' /proc/loadavg; }

# Warm-up, not measured: a .NET process reaches its steady-state code (tiered JIT) only after some seconds of load;
# nginx gets the same, so both are measured warm.
log "warm-up: 5 s of each load on each server (load average $(load))"
for url in "$edge_url" "$nginx_url"; do
  LD_PRELOAD="$work/wrk-no-resume.so" wrk -t"$threads" -c"$connections" -d5s -H 'Connection: close' "$url" >/dev/null
  wrk -t"$threads" -c"$connections" -d5s "$url" >/dev/null
done

# Alternating, and mirrored from one round to the next (E N N E, then N E E N), so drift falls on both alike.
declare -a edge_hs=() nginx_hs=() edge_ka=() nginx_ka=()
for ((round = 1; round <= rounds; round++)); do
  log "round $round/$rounds (load average $(load))"
  if ((round % 2)); then
    log "  handshakes, Edge";  edge_hs+=("$(handshakes "$edge_url")")
    log "  handshakes, nginx"; nginx_hs+=("$(handshakes "$nginx_url")")
    log "  keep-alive, nginx"; nginx_ka+=("$(keepalive "$nginx_url")")
    log "  keep-alive, Edge";  edge_ka+=("$(keepalive "$edge_url")")
  else
    log "  handshakes, nginx"; nginx_hs+=("$(handshakes "$nginx_url")")
    log "  handshakes, Edge";  edge_hs+=("$(handshakes "$edge_url")")
    log "  keep-alive, Edge";  edge_ka+=("$(keepalive "$edge_url")")
    log "  keep-alive, nginx"; nginx_ka+=("$(keepalive "$nginx_url")")
  fi
  log "  so far: handshakes Edge ${edge_hs[*]} / nginx ${nginx_hs[*]}; keep-alive Edge ${edge_ka[*]} / nginx ${nginx_ka[*]}"
done

[[ ! -s "$work/resumed.log" ]] || die "nginx logged resumed TLS sessions: the handshake figures are not all full handshakes"
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
stop_edge

mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.0f", s / NR }'; }
ratio() { awk -v e="$1" -v n="$2" 'BEGIN { printf "%.2f", (n > 0 ? e / n : 0) }'; }
eh=$(mean "${edge_hs[@]}") nh=$(mean "${nginx_hs[@]}") ek=$(mean "${edge_ka[@]}") nk=$(mean "${nginx_ka[@]}")
log "load average at the end: $(cat /proc/loadavg)"
echo "edge-tls: handshakes $eh/s (nginx $nh/s, ratio $(ratio "$eh" "$nh")); keep-alive $ek req/s (nginx $nk req/s, ratio $(ratio "$ek" "$nk"))"
