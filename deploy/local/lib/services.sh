# Builds and runs the CertMesh services as background processes (sourced by up.sh / down.sh).
# shellcheck shell=bash

# instance:port of every service process; the Api's port is where the CLI connects. An instance named
# Service@N is replica N of Service (the challenge solvers scale out; their limits are held in PostgreSQL).
# The Edge listens where Pebble's VA fetches HTTP-01 tokens (Pebble's httpPort). WebhookSolver stands in for an
# external cert-manager webhook DNS solver (group acme.certmesh.test), which DnsWebhook calls.
CERTMESH_SERVICES=(Trigger:8081 KeyManager:8082 Issuing:8083 AcmeOrder:8084 ChallengeSolver@1:8085 ChallengeSolver@2:8086
  DnsWebhook:8087 WebhookSolver:8088 "Edge:${EDGE_HTTP_PORT:-5002}" Api:8080)
CERTMESH_API_PORT=8080
CERTMESH_CONFIGURATION=${CERTMESH_CONFIGURATION:-Release}

service_dll() { echo "$REPO_ROOT/services/$1/bin/$CERTMESH_CONFIGURATION/net10.0/CertMesh.$1.dll"; }

build_services() {
  log "building CertMesh ($CERTMESH_CONFIGURATION)"
  dotnet build "$REPO_ROOT/CertMesh.sln" -c "$CERTMESH_CONFIGURATION" -nologo -v q -clp:ErrorsOnly >"$STATE_DIR/logs/build.log" 2>&1 \
    || { tail -n 40 "$STATE_DIR/logs/build.log" >&2; die "build failed (full log: $STATE_DIR/logs/build.log)"; }
}

# Keys generated once per state directory: the secret-encryption key and the bootstrap admin's Api token (0600, read
# by deploy/local/certmesh; the Api itself is given only its SHA-256).
ensure_service_secrets() {
  umask 077
  [[ -s "$STATE_DIR/secret.key" ]] || openssl rand -base64 32 >"$STATE_DIR/secret.key"
  [[ -s "$STATE_DIR/api.token" ]] || openssl rand -hex 24 >"$STATE_DIR/api.token"
  umask 022
}

service_healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1/health" >/dev/null 2>&1; }

start_service() {
  local name=$1 port=$2 pidfile="$STATE_DIR/pids/svc-$1.pid" project=${1%@*}
  # Its restart loop is alive: the service runs, or is being started again (or waits for PostgreSQL or RabbitMQ,
  # when /health says 503). Never a second loop for one service.
  if [[ -f "$pidfile" ]] && [[ $(cat "/proc/$(cat "$pidfile")/cmdline" 2>/dev/null | tr '\0' ' ') == *supervise.sh\ "$name"\ * ]]; then
    log "$name already running (supervisor pid $(cat "$pidfile"))"
    return
  fi
  require_port_free "$port" "$name"
  (
    # shellcheck disable=SC1091
    source "$STATE_DIR/env"
    export CERTMESH_SECRET_KEY; CERTMESH_SECRET_KEY=$(cat "$STATE_DIR/secret.key")
    if [[ $project == Api ]]; then
      export CERTMESH_ADMIN_TOKEN_SHA256; CERTMESH_ADMIN_TOKEN_SHA256=$(tr -d '\n' <"$STATE_DIR/api.token" | sha256sum | cut -d' ' -f1)
    fi
    export ASPNETCORE_URLS="http://127.0.0.1:$port" CERTMESH_REPLICA_ID="$name"
    # Workers share two cores; only the Edge (a request/response hot path) keeps the server GC it is built with.
    [[ $project == Edge ]] || export DOTNET_gcServer=0
    # The Edge terminates TLS on loopback with the certificates of namespace edge (an env from before it: 5443).
    [[ $project != Edge ]] || export CERTMESH_EDGE_HTTPS_URL="https://127.0.0.1:${EDGE_HTTPS_PORT:-5443}"
    # The local Pebble's TLS CA, and where the solvers' self-check finds the Edge for names that resolve nowhere here.
    export CERTMESH_ACME_CA_FILE="$PEBBLE_CA_CERT" CERTMESH_HTTP01_SELF_CHECK_CONNECT="127.0.0.1:$EDGE_HTTP_PORT"
    # DNS-01: BIND answers for the local zones (there is no recursive resolver here), and its NS records name hosts
    # only, so the authoritative self-check needs BIND's port.
    export CERTMESH_DNS01_RECURSIVE_NAMESERVERS="$BIND_SERVER" CERTMESH_DNS01_NAMESERVER_PORT="${BIND_SERVER##*:}"
    export CERTMESH_DNS_WEBHOOKS="acme.certmesh.test=http://127.0.0.1:8088"
    # Every service connects as guest, so guest is the one system bus user (an admin in CertMesh); applications get
    # users of their own (add-app-user.sh). ClusterIssuer use is checked (deploy/examples/00-clusterissuer-grants.yaml).
    export CERTMESH_BUS_SYSTEM_USERS=guest
    # The reference webhook solver holds its own DNS credentials, as an external webhook would.
    [[ $project != WebhookSolver ]] ||
      export WEBHOOK_TSIG_KEY_NAME="$TSIG_KEY_NAME" WEBHOOK_TSIG_ALGORITHM="$TSIG_ALGORITHM" WEBHOOK_TSIG_SECRET="$TSIG_SECRET"
    cd "$REPO_ROOT"
    # Under a small restart loop (lib/supervise.sh): a service that dies is started again after a back-off.
    local logfile="$STATE_DIR/logs/svc-$name.log"
    exec setsid "$REPO_ROOT/deploy/local/lib/supervise.sh" "$name" "$logfile" "$STATE_DIR/pids/svc-$name.child.pid" -- \
      dotnet "$(service_dll "$project")" >>"$logfile" 2>&1 </dev/null
  ) &
  echo $! >"$pidfile"
  log "started $name (supervisor pid $!, port $port, log $STATE_DIR/logs/svc-$name.log)"
}

wait_service() {
  local name=$1 port=$2 deadline=$((SECONDS + START_TIMEOUT))
  until service_healthy "$port"; do
    if ! kill -0 "$(cat "$STATE_DIR/pids/svc-$name.pid")" 2>/dev/null; then
      die_with_log "svc-$name" "$name exited during start-up"
    fi
    ((SECONDS < deadline)) || die_with_log "svc-$name" "$name not healthy on port $port after ${START_TIMEOUT}s"
    sleep 0.3
  done
}

start_services() {
  ensure_service_secrets
  local entry
  for entry in "${CERTMESH_SERVICES[@]}"; do start_service "${entry%%:*}" "${entry##*:}"; done
  for entry in "${CERTMESH_SERVICES[@]}"; do wait_service "${entry%%:*}" "${entry##*:}"; done
  log "all services healthy"
}

# stop_service NAME: stop one service: its supervisor stops the service (TERM, then KILL after 10 s) and then itself.
stop_service() {
  local name=$1 pidfile="$STATE_DIR/pids/svc-$1.pid" child="$STATE_DIR/pids/svc-$1.child.pid" pid
  if [[ -f $pidfile ]]; then
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      log "stopped $name (supervisor pid $pid)"
    fi
  fi
  # A service left behind by a supervisor that was itself killed (this service's dll, not any dotnet process).
  if [[ -f $child ]] && pid=$(cat "$child") && [[ $(cat "/proc/$pid/cmdline" 2>/dev/null | tr '\0' ' ') == *"$(service_dll "${name%@*}")"* ]]; then
    kill -KILL "$pid" 2>/dev/null || true
    log "stopped $name's service process (pid $pid)"
  fi
  rm -f "$pidfile" "$child"
}

stop_services() {
  local entry
  for entry in "${CERTMESH_SERVICES[@]}"; do stop_service "${entry%%:*}"; done
}
