# PostgreSQL 15 on 127.0.0.1:5433 (role/database certmesh); sourced by infra-up/down.
# shellcheck shell=bash

postgres_paths() {
  PG_DATA="$STATE_DIR/postgres"
  PG_SOCKET_DIR="$STATE_DIR/run/postgres"
  # A Unix socket path must stay under ~107 bytes; fall back to /tmp for very deep STATE_DIRs.
  if ((${#PG_SOCKET_DIR} > 90)); then
    PG_SOCKET_DIR="/tmp/certmesh-pg-$(printf '%s' "$STATE_DIR" | md5sum | cut -c1-12)"
  fi
}

as_postgres() { (cd "$PG_DATA" 2>/dev/null || cd /; setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"); }

# shellcheck disable=SC2120  # extra psql arguments are optional
psql_admin() {
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$POSTGRES_PORT" -U postgres -d postgres "$@"
}

postgres_start() {
  postgres_paths
  # A server left running by an older infra-up.sh may still have durability switched off: restart it durable.
  if running postgres postgres "$POSTGRES_PORT" && [[ $(psql_admin -At -c 'SHOW fsync' 2>/dev/null) == off ]]; then
    log "PostgreSQL runs with fsync=off (an older start): restarting it with the durable defaults"
    postgres_stop
  fi
  if ! running postgres postgres "$POSTGRES_PORT"; then
    postgres_wait_gone
    require_port_free "$POSTGRES_PORT" PostgreSQL
    mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
    chown postgres:postgres "$PG_DATA" "$PG_SOCKET_DIR"
    chmod 700 "$PG_DATA"
    touch "$STATE_DIR/logs/postgres.log"
    chown postgres:postgres "$STATE_DIR/logs/postgres.log"
    if [[ ! -s "$PG_DATA/PG_VERSION" ]]; then
      # Socket connections (admin, as postgres) are trusted; TCP needs the role's password.
      as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >>"$STATE_DIR/logs/postgres.log" 2>&1 ||
        die_with_log postgres "initdb failed"
    fi
    # PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes all on): a commit that was seen,
    # and whose outbox went out, must survive a crash of the server. Speed bought by turning them off is not speed.
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$STATE_DIR/logs/postgres.log" -w -t "$START_TIMEOUT" start \
      -o "-c listen_addresses=127.0.0.1 -p $POSTGRES_PORT -k $PG_SOCKET_DIR -c max_connections=300" \
      >/dev/null || die_with_log postgres "PostgreSQL did not start on 127.0.0.1:$POSTGRES_PORT"
    head -n 1 "$PG_DATA/postmaster.pid" >"$STATE_DIR/pids/postgres.pid"
    wait_for 10 port_open "$POSTGRES_PORT" || die_with_log postgres "PostgreSQL is not listening on 127.0.0.1:$POSTGRES_PORT"
  fi
  # Idempotent: role certmesh (may create databases, e.g. one per test run) owning database certmesh.
  psql_admin >/dev/null <<'SQL' || die_with_log postgres "could not create role/database certmesh"
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'certmesh') THEN
    CREATE ROLE certmesh LOGIN CREATEDB PASSWORD 'certmesh';
  END IF;
END $$;
SELECT 'CREATE DATABASE certmesh OWNER certmesh' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'certmesh')
\gexec
SQL
}

# postgres_wait_gone: a postmaster killed a moment ago can linger as a zombie until it is reaped, and PostgreSQL
# refuses to start while the pid in its lock file still exists: wait (up to 15 s) for that process to be gone.
postgres_wait_gone() {
  local pid
  pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  wait_for 15 postgres_pid_gone "$pid" || warn "the old postmaster (pid $pid) is still there; starting anyway"
}
postgres_pid_gone() { [[ $(cat "/proc/$1/comm" 2>/dev/null) != postgres ]]; }

postgres_stop() {
  postgres_paths
  local pid
  if pid=$(our_pid postgres postgres) && [[ -f "$PG_DATA/postmaster.pid" ]]; then
    if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 30 stop -m fast >/dev/null 2>&1; then
      log "stopped postgres (pid $pid)"
    else
      warn "pg_ctl stop failed; terminating pid $pid"
    fi
  fi
  stop_pid postgres postgres
}
