# The sample application (deploy/examples/sample-app) on the local stack: its own RabbitMQ user with role edit in
# namespace shop, started under the same supervisor and pid files as the services, so down.sh stops it by PID.
# Sourced by up.sh and down.sh (needs common.sh, packages.sh and services.sh).
# shellcheck shell=bash

SAMPLE_APP_HTTPS_PORT=${SAMPLE_APP_HTTPS_PORT:-5444}
SAMPLE_APP_HTTP_PORT=${SAMPLE_APP_HTTP_PORT:-5081}
SAMPLE_APP_USER=sample-app
SAMPLE_APP_NAMESPACE=shop
SAMPLE_APP_NAME=sample-app   # its pid files: STATE_DIR/pids/svc-sample-app{,.child}.pid, log: logs/svc-sample-app.log

sample_app_dll() { echo "$STATE_DIR/sample-app/bin/SampleApp.dll"; }

# sample_app_user: its RabbitMQ user (add-app-user.sh: rabbitmq_ensure_app_user, password kept 0600 in
# STATE_DIR/out/app-users/sample-app.password and reused on the next run), and its Principal and RoleBinding (edit in
# shop) applied through the Api with the admin token.
sample_app_user() {
  local password_file="$STATE_DIR/out/app-users/$SAMPLE_APP_USER.password" password
  password=$( [[ -s $password_file ]] && cat "$password_file" || openssl rand -hex 24 )
  CERTMESH_APP_PASSWORD=$password "$REPO_ROOT/deploy/local/add-app-user.sh" --state "$STATE_DIR" "$SAMPLE_APP_USER" "$SAMPLE_APP_NAMESPACE" |
    "$REPO_ROOT/deploy/local/certmesh" apply -f - >/dev/null
}

start_sample_app() {
  local pidfile="$STATE_DIR/pids/svc-$SAMPLE_APP_NAME.pid"
  if [[ -f "$pidfile" ]] && [[ $(cat "/proc/$(cat "$pidfile")/cmdline" 2>/dev/null | tr '\0' ' ') == *supervise.sh\ "$SAMPLE_APP_NAME"\ * ]]; then
    log "$SAMPLE_APP_NAME already running (supervisor pid $(cat "$pidfile"))"
    return
  fi
  require_port_free "$SAMPLE_APP_HTTPS_PORT" "the sample application (HTTPS)"
  require_port_free "$SAMPLE_APP_HTTP_PORT" "the sample application (HTTP)"
  mkdir -p "$STATE_DIR/sample-app/store"
  chmod 700 "$STATE_DIR/sample-app/store"
  (
    export DOTNET_gcServer=0
    # Urls (not ASPNETCORE_URLS, which appsettings.json's Urls would outrank): loopback only; the Edge forwards to it.
    export Urls="https://127.0.0.1:$SAMPLE_APP_HTTPS_PORT;http://127.0.0.1:$SAMPLE_APP_HTTP_PORT"
    export CertMesh__RabbitMq__Host=127.0.0.1 CertMesh__RabbitMq__Port="$RABBITMQ_PORT" CertMesh__RabbitMq__VirtualHost=/
    export CertMesh__RabbitMq__Username="$SAMPLE_APP_USER"
    export CertMesh__RabbitMq__Password; CertMesh__RabbitMq__Password=$(cat "$STATE_DIR/out/app-users/$SAMPLE_APP_USER.password")
    # Its key, CSR and chain: kept across restarts, so a restart serves at once and re-issues nothing.
    export CertMesh__StorePath="$STATE_DIR/sample-app/store"
    cd "$STATE_DIR/sample-app/bin"
    local logfile="$STATE_DIR/logs/svc-$SAMPLE_APP_NAME.log"
    exec setsid "$REPO_ROOT/deploy/local/lib/supervise.sh" "$SAMPLE_APP_NAME" "$logfile" "$STATE_DIR/pids/svc-$SAMPLE_APP_NAME.child.pid" -- \
      dotnet "$(sample_app_dll)" >>"$logfile" 2>&1 </dev/null
  ) &
  echo $! >"$pidfile"
  log "started $SAMPLE_APP_NAME (supervisor pid $!, https://127.0.0.1:$SAMPLE_APP_HTTPS_PORT, log $STATE_DIR/logs/svc-$SAMPLE_APP_NAME.log)"
}

# wait_sample_app: until GET / over HTTP says which serial it serves (it listens only once it has its certificate).
wait_sample_app() {
  local deadline=$((SECONDS + 120))
  until curl -fsS --max-time 2 "http://127.0.0.1:$SAMPLE_APP_HTTP_PORT/" 2>/dev/null | grep -q "serves serial"; do
    kill -0 "$(cat "$STATE_DIR/pids/svc-$SAMPLE_APP_NAME.pid")" 2>/dev/null || die_with_log "svc-$SAMPLE_APP_NAME" "the sample application's supervisor exited"
    ((SECONDS < deadline)) || die_with_log "svc-$SAMPLE_APP_NAME" "the sample application does not answer on port $SAMPLE_APP_HTTP_PORT after 120s"
    sleep 0.5
  done
}

stop_sample_app() {
  local pidfile="$STATE_DIR/pids/svc-$SAMPLE_APP_NAME.pid" child="$STATE_DIR/pids/svc-$SAMPLE_APP_NAME.child.pid" pid
  if [[ -f $pidfile ]]; then
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      log "stopped $SAMPLE_APP_NAME (supervisor pid $pid)"
    fi
  fi
  # The application left behind by a supervisor that was itself killed (its dll, not any dotnet process).
  if [[ -f $child ]] && pid=$(cat "$child") && [[ $(cat "/proc/$pid/cmdline" 2>/dev/null | tr '\0' ' ') == *"$(sample_app_dll)"* ]]; then
    kill -KILL "$pid" 2>/dev/null || true
    log "stopped $SAMPLE_APP_NAME's process (pid $pid)"
  fi
  rm -f "$pidfile" "$child"
}
