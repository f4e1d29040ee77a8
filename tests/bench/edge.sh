#!/usr/bin/env bash
# The `edge` mode of tests/bench/run.sh: HTTP-01 token answers from the Edge against nginx serving a static file.
#   tests/bench/run.sh edge [--duration 10s] [--threads 2] [--connections 64]
# Starts its own Edge on a free loopback port against the dev stack's PostgreSQL and RabbitMQ (not the Edge
# up.sh may run), presents one token whose key authorization is 87 bytes, drives it with wrk, then does the
# same with its own nginx serving a static 87-byte file. Both are stopped by PID afterwards. Last line:
#   edge-http01: X req/s, p99 Y ms; nginx Z req/s; ratio R
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
STATE_DIR=${CERTMESH_STATE_DIR:-$REPO_ROOT/deploy/local/.state}

# shellcheck source=lib/servers.sh
source "$HERE/lib/servers.sh"

duration=10s threads=2 connections=64
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) die "unknown option '$1' (edge takes --duration, --threads, --connections)" ;;
  esac
done

require_tools dotnet wrk nginx psql
require_servers

work=$(mktemp -d)
chmod 755 "$work" # nginx's workers run as nobody and read the static file from here
edge_pid="" nginx_pid=""
token="bench-$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
cleanup() {
  [[ -n "$edge_pid" ]] && kill "$edge_pid" 2>/dev/null && wait "$edge_pid" 2>/dev/null || true
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  psql -qAtc "DELETE FROM http01_tokens WHERE token = '$token'" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- the token: a key authorization of exactly 87 bytes (token "." thumbprint, as ACME builds it) ----------
key_authorization="$token."
while ((${#key_authorization} < 87)); do key_authorization+="x"; done
key_authorization=${key_authorization:0:87}
path="/.well-known/acme-challenge/$token"

# --- the Edge -------------------------------------------------------------------------------------------
log "building the Edge (Release)"
build_log="$work/build.log"
dotnet build "$REPO_ROOT/services/Edge/CertMesh.Edge.csproj" -c Release -nologo -v quiet >"$build_log" 2>&1 || { cat "$build_log" >&2; die "build failed"; }
edge_port=$(free_port)
echo '{ "Routes": {}, "Clusters": {} }' >"$work/edge-routes.json"

start_edge() {
  # The miss lookup is off: every 200 measured comes from memory, never from PostgreSQL.
  (cd "$REPO_ROOT" && exec env CERTMESH_SECRET_KEY="$(cat "$STATE_DIR/secret.key")" \
    ASPNETCORE_URLS="http://127.0.0.1:$edge_port" CERTMESH_EDGE_ROUTES="$work/edge-routes.json" CERTMESH_EDGE_MISS_LOOKUP=false \
    dotnet "$REPO_ROOT/services/Edge/bin/Release/net10.0/CertMesh.Edge.dll") >>"$work/edge.log" 2>&1 &
  edge_pid=$!
  local deadline=$((SECONDS + 60))
  until curl -sf --max-time 2 "http://127.0.0.1:$edge_port/health" >/dev/null; do
    kill -0 "$edge_pid" 2>/dev/null || { cat "$work/edge.log" >&2; die "the Edge exited during start-up"; }
    ((SECONDS < deadline)) || { cat "$work/edge.log" >&2; die "the Edge did not become healthy on port $edge_port"; }
    sleep 0.2
  done
}
stop_edge() { kill "$edge_pid"; wait "$edge_pid" 2>/dev/null || true; edge_pid=""; }

# The first start creates the token table if the stack predates it; the token row is then written as the
# ChallengeSolver writes it, and the second start serves it from its initial load.
log "starting the Edge on 127.0.0.1:$edge_port"
start_edge
psql -qAt -v ON_ERROR_STOP=1 -c "INSERT INTO http01_tokens (token, key_authorization, dns_name) VALUES ('$token', '$key_authorization', 'bench.test')
  ON CONFLICT (token) DO UPDATE SET key_authorization = excluded.key_authorization" >/dev/null
stop_edge
start_edge
answer=$(curl -s --max-time 5 "http://127.0.0.1:$edge_port$path")
[[ "$answer" == "$key_authorization" ]] || die "the Edge answered '$answer' instead of the key authorization (see $work/edge.log)"

# wrk_run URL: a warm-up, then the measured run; prints "req/s p99-ms".
wrk_run() {
  wrk -t"$threads" -c"$connections" -d2s "$1" >/dev/null
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1" | tee "$work/wrk.out" >&2
  grep -q 'Non-2xx' "$work/wrk.out" && die "wrk saw non-2xx answers from $1"
  awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
      p99 = unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : unit == "m" ? v * 60000 : v }
    END { printf "%.0f %.2f\n", rps, p99 }' "$work/wrk.out"
}

log "wrk -t$threads -c$connections -d$duration on the Edge"
read -r edge_rps edge_p99 < <(wrk_run "http://127.0.0.1:$edge_port$path")
stop_edge

# --- nginx, same file size, same machine, same run -------------------------------------------------------
nginx_port=$(free_port)
mkdir -p "$work/www/.well-known/acme-challenge" "$work/nginx-temp"
printf '%s' "$key_authorization" >"$work/www/.well-known/acme-challenge/$token"
chmod -R a+rX "$work/www"
cat >"$work/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/plain;
  client_body_temp_path $work/nginx-temp/body;
  proxy_temp_path $work/nginx-temp/proxy;
  fastcgi_temp_path $work/nginx-temp/fastcgi;
  uwsgi_temp_path $work/nginx-temp/uwsgi;
  scgi_temp_path $work/nginx-temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
NGINX
log "starting nginx on 127.0.0.1:$nginx_port"
nginx -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" &
nginx_pid=$!
deadline=$((SECONDS + 10))
until curl -sf --max-time 2 "http://127.0.0.1:$nginx_port$path" >/dev/null; do
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx-error.log" >&2; die "nginx exited during start-up"; }
  ((SECONDS < deadline)) || die "nginx did not answer on port $nginx_port"
  sleep 0.1
done
[[ "$(curl -s "http://127.0.0.1:$nginx_port$path")" == "$key_authorization" ]] || die "nginx does not serve the 87-byte file"
log "wrk -t$threads -c$connections -d$duration on nginx"
read -r nginx_rps _ < <(wrk_run "http://127.0.0.1:$nginx_port$path")
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""

ratio=$(awk -v e="$edge_rps" -v n="$nginx_rps" 'BEGIN { printf "%.2f", (n > 0 ? e / n : 0) }')
echo "edge-http01: $edge_rps req/s, p99 $edge_p99 ms; nginx $nginx_rps req/s; ratio $ratio"
