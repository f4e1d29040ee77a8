# Prometheus (Debian's package) on 127.0.0.1:9090, scraping /metrics of every CertMesh service of lib/services.sh and
# evaluating deploy/prometheus/rules; data in STATE_DIR/prometheus. Sourced by infra-up/down (needs common.sh).
# shellcheck shell=bash

prometheus_paths() {
  PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
  PROMETHEUS_DIR="$STATE_DIR/prometheus"
  PROMETHEUS_CONFIG="$PROMETHEUS_DIR/prometheus.yml"
  PROMETHEUS_RULES="$PROMETHEUS_DIR/rules"
  PROMETHEUS_DATA="$PROMETHEUS_DIR/data"
  # Per-certificate series make a scrape grow with the store: at 25,000 certificates Trigger's /metrics holds 175,000
  # samples, and a 5 s interval cost Prometheus a third of a core. 15 s is the common choice (cert-manager's chart
  # scrapes every 60 s); the tests' own Prometheus scrapes every second.
  PROMETHEUS_SCRAPE_INTERVAL=${PROMETHEUS_SCRAPE_INTERVAL:-15s}
  PROMETHEUS_URL="http://127.0.0.1:$PROMETHEUS_PORT"
}

# WebhookSolver is not scraped: it plays an external cert-manager webhook solver (someone else's program, which
# serves no CertMesh /metrics).
PROMETHEUS_UNSCRAPED=WebhookSolver

# prometheus_service_jobs: one scrape job per service, one target per instance (the replicas of ChallengeSolver
# share a job), from CERTMESH_SERVICES.
prometheus_service_jobs() {
  local entry instance project job=''
  for entry in "${CERTMESH_SERVICES[@]}"; do
    instance=${entry%%:*} project=${instance%@*}
    [[ ,$PROMETHEUS_UNSCRAPED, != *,$project,* ]] || continue
    if [[ $project != "$job" ]]; then
      job=$project
      printf '  - job_name: %s\n    static_configs:\n' "$job"
    fi
    printf '      - targets: ["127.0.0.1:%s"]\n        labels: {instance: "%s"}\n' "${entry##*:}" "$instance"
  done
}

# prometheus_write_config: the configuration and rule copies, written beside the running ones (*.new) for comparison.
prometheus_write_config() {
  local template="$REPO_ROOT/deploy/prometheus/prometheus.yml.in" rule jobs line
  jobs=$(prometheus_service_jobs)
  rm -rf "$PROMETHEUS_RULES.new"
  mkdir -p "$PROMETHEUS_RULES.new"
  for rule in "$REPO_ROOT"/deploy/prometheus/rules/*.yml; do
    [[ $rule == *.test.yml ]] || cp "$rule" "$PROMETHEUS_RULES.new/"
  done
  # Written with the final rules path: it is what Prometheus reads once the .new copies are moved into place.
  while IFS= read -r line; do
    case $line in
      @SERVICE_JOBS@) printf '%s\n' "$jobs" ;;
      *) line=${line//@SCRAPE_INTERVAL@/$PROMETHEUS_SCRAPE_INTERVAL}
         line=${line//@RULES_DIR@/$PROMETHEUS_RULES}
         printf '%s\n' "${line//@PROMETHEUS_PORT@/$PROMETHEUS_PORT}" ;;
    esac
  done <"$template" >"$PROMETHEUS_CONFIG.new"
  chmod -R a+rX "$PROMETHEUS_RULES.new" "$PROMETHEUS_CONFIG.new"
}

# prometheus_unchanged: the running Prometheus has this very configuration and these rules.
prometheus_unchanged() {
  cmp -s "$PROMETHEUS_CONFIG.new" "$PROMETHEUS_CONFIG" && diff -r -q "$PROMETHEUS_RULES.new" "$PROMETHEUS_RULES" >/dev/null 2>&1
}

prometheus_ready() { curl -fsS --max-time 2 "$PROMETHEUS_URL/-/ready"; }

prometheus_start() {
  prometheus_paths
  mkdir -p "$PROMETHEUS_DATA"
  chmod 755 "$PROMETHEUS_DIR"
  chown prometheus:prometheus "$PROMETHEUS_DATA"
  prometheus_write_config
  if running prometheus prometheus "$PROMETHEUS_PORT"; then
    if prometheus_unchanged; then
      rm -rf "$PROMETHEUS_CONFIG.new" "$PROMETHEUS_RULES.new"
      return 0
    fi
    log "Prometheus configuration or rules changed (deploy/prometheus, lib/services.sh); restarting it"
    stop_pid prometheus prometheus
    wait_for 10 port_closed "$PROMETHEUS_PORT" || true
  fi
  require_port_free "$PROMETHEUS_PORT" "Prometheus"
  rm -rf "$PROMETHEUS_RULES"
  mv "$PROMETHEUS_RULES.new" "$PROMETHEUS_RULES"
  mv "$PROMETHEUS_CONFIG.new" "$PROMETHEUS_CONFIG"
  # Checks the rules too; a bad rule file fails here with promtool's message rather than in Prometheus's log.
  promtool check config "$PROMETHEUS_CONFIG" >>"$STATE_DIR/logs/prometheus.log" 2>&1 ||
    die_with_log prometheus "promtool check config rejected $PROMETHEUS_CONFIG"
  # Only the web listener opens a port; it is on loopback like every other server here.
  spawn prometheus prometheus /usr/bin/prometheus --config.file="$PROMETHEUS_CONFIG" \
    --storage.tsdb.path="$PROMETHEUS_DATA" --storage.tsdb.retention.time=7d \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.external-url="$PROMETHEUS_URL"
  wait_up prometheus prometheus "$START_TIMEOUT" prometheus_ready ||
    die_with_log prometheus "Prometheus did not become ready on $PROMETHEUS_URL within ${START_TIMEOUT}s"
}

prometheus_stop() {
  prometheus_paths
  stop_pid prometheus prometheus
}
