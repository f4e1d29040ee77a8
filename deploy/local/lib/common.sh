# Shared settings and helpers for infra-up.sh / infra-down.sh (sourced, not run directly).
# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings below are used by the other lib/*.sh files

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)

# Fixed loopback ports; all non-default so a system-wide instance of the same server cannot clash. A second,
# private pair of RabbitMQ and PostgreSQL (the fault suite kills its own) takes other ports from CERTMESH_*_PORT and
# CERTMESH_RABBITMQ_NODE; set_state_dir remembers them in STATE_DIR/ports, so later runs on that directory agree.
RABBITMQ_PORT=${CERTMESH_RABBITMQ_PORT:-5673}            # AMQP
RABBITMQ_DIST_PORT=${CERTMESH_RABBITMQ_DIST_PORT:-25673} # Erlang distribution of our node
EPMD_PORT=${CERTMESH_EPMD_PORT:-4370}                    # our own epmd (default is 4369)
RABBITMQ_NODE=${CERTMESH_RABBITMQ_NODE:-certmesh@localhost}
POSTGRES_PORT=${CERTMESH_POSTGRES_PORT:-5433}
PEBBLE_PORT=14000
PEBBLE_MGMT_PORT=15000
PEBBLE_TLS_PORT=5001
BIND_PORT=5354
BIND_ZONE=example.test        # the demo and integration zone (DNS-01 via RFC 2136, and every HTTP-01 name)
BIND_TEST_ZONE=certmesh.test  # names the ACME client suite makes up
TSIG_KEY_NAME=certmesh-key
TSIG_ALGORITHM=hmac-sha256
PG_BIN=/usr/lib/postgresql/15/bin
RABBITMQ_BIN=/usr/lib/rabbitmq/bin   # the real scripts, not the /usr/sbin wrapper (it forces /var/lib/rabbitmq)

# How long (seconds) each server may take to come up.
START_TIMEOUT=${INFRA_START_TIMEOUT:-60}

log()  { printf '[infra] %s\n' "$*" >&2; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die()  { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# die_with_log NAME MESSAGE: fail and show the end of STATE_DIR/logs/NAME.log.
die_with_log() {
  local name=$1; shift
  printf '[infra] ERROR: %s\n' "$*" >&2
  if [[ -f "$STATE_DIR/logs/$name.log" ]]; then
    printf '[infra] --- last lines of %s ---\n' "$STATE_DIR/logs/$name.log" >&2
    tail -n 40 "$STATE_DIR/logs/$name.log" >&2 || true
  fi
  exit 1
}

# set_state_dir [DIR]: STATE_DIR = DIR or deploy/local/.state, created and made absolute.
set_state_dir() {
  local dir=${1:-$REPO_ROOT/deploy/local/.state}
  mkdir -p "$dir"
  STATE_DIR=$(cd "$dir" && pwd -P)
  # Service users (rabbitmq, postgres, bind) must be able to reach their dirs below STATE_DIR.
  chmod 755 "$STATE_DIR"
  if ! setpriv --reuid=nobody --regid=nogroup --clear-groups -- test -x "$STATE_DIR"; then
    die "service users cannot reach $STATE_DIR (a parent directory is not world-searchable); pass a STATE_DIR such as /var/tmp/certmesh-state"
  fi
  mkdir -p "$STATE_DIR/pids" "$STATE_DIR/logs"
  remember_ports
}

# remember_ports: the first start on a state directory records its ports; every later one uses those.
remember_ports() {
  local file="$STATE_DIR/ports"
  if [[ -s $file ]]; then
    # shellcheck disable=SC1090
    source "$file"
  else
    printf 'RABBITMQ_PORT=%s\nRABBITMQ_DIST_PORT=%s\nEPMD_PORT=%s\nRABBITMQ_NODE=%s\nPOSTGRES_PORT=%s\n' \
      "$RABBITMQ_PORT" "$RABBITMQ_DIST_PORT" "$EPMD_PORT" "$RABBITMQ_NODE" "$POSTGRES_PORT" >"$file"
  fi
}

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
# (A loopback connect never hangs: it is accepted or refused at once.)
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# require_port_free PORT WHAT: fail if a process we did not start holds the port.
require_port_free() {
  if port_open "$1"; then
    die "127.0.0.1:$1 (needed for $2) is already in use by a process infra-up.sh did not start (see: ss -ltnp 'sport = :$1')"
  fi
}

# alive PID: the process exists and is not a zombie waiting to be reaped.
alive() {
  local stat=''
  { read -r stat <"/proc/$1/stat" || [[ -n $stat ]]; } 2>/dev/null || return 1
  stat=${stat##*) }            # fields after "(comm) "
  [[ ${stat:0:1} != [ZX] ]]
}

# our_pid NAME COMM: print the recorded pid of NAME if that process is alive and is really COMM.
our_pid() {
  local name=$1 comm=$2 pid='' actual=''
  # (read fails on a last line without newline, as in RabbitMQ's own pid file, yet sets the value)
  { read -r pid <"$STATE_DIR/pids/$name.pid" || [[ -n $pid ]]; } 2>/dev/null || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  { read -r actual <"/proc/$pid/comm" || [[ -n $actual ]]; } 2>/dev/null || return 1
  [[ $actual == "${comm:0:15}" ]] || return 1   # the kernel truncates comm to 15 chars
  echo "$pid"
}

# running NAME COMM PORT: our recorded process is alive and answers on its port.
running() { our_pid "$1" "$2" >/dev/null && port_open "$3"; }

# wait_for SECONDS COMMAND...: retry COMMAND every 0.2 s until it succeeds or time runs out.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# recorded_alive NAME: the pid recorded for NAME is alive. Right after spawn its comm may still be bash or
# setpriv (the exec chain has not reached the server yet), so only liveness is checked here.
recorded_alive() {
  local pid=''
  { read -r pid <"$STATE_DIR/pids/$1.pid" || [[ -n $pid ]]; } 2>/dev/null || return 1
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid"
}

# wait_up NAME COMM SECONDS COMMAND...: like wait_for, but gives up at once if our process NAME has died.
wait_up() {
  local name=$1 deadline=$((SECONDS + $3)); shift 3
  until "$@" >/dev/null 2>&1; do
    recorded_alive "$name" || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# spawn NAME USER COMMAND...: start COMMAND in its own session as USER (root = no switch), output to
# logs/NAME.log, pid (exact, survives the exec chain) to pids/NAME.pid.
spawn() {
  local name=$1 user=$2; shift 2
  local pidfile="$STATE_DIR/pids/$name.pid" logfile="$STATE_DIR/logs/$name.log"
  local -a as_user=()
  [[ $user == root ]] || as_user=(setpriv "--reuid=$user" "--regid=$(id -gn "$user")" --init-groups --)
  rm -f "$pidfile"
  printf '\n===== %s starting %s =====\n' "$(date -Is)" "$name" >>"$logfile"
  # shellcheck disable=SC2016  # $$ and $@ belong to the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "${as_user[@]}" "$@" >>"$logfile" 2>&1 </dev/null &
  wait_for 5 test -s "$pidfile" || die_with_log "$name" "$name did not start"
}

not_alive() { ! alive "$1"; }

# fully_exited PID: gone, or a zombie whose threads have all exited. The leader of a multi-threaded process (Go's
# Pebble, Erlang's beam) turns Z while its other threads still hold its files, listening sockets included, for a moment.
fully_exited() {
  alive "$1" && return 1
  local tasks=(/proc/"$1"/task/*)
  [[ ! -e ${tasks[0]} ]] || ((${#tasks[@]} <= 1))
}

port_closed() { ! port_open "$1"; }

# stop_pid NAME COMM: TERM our recorded process, wait up to 15 s, then KILL; tolerant of it being gone.
stop_pid() {
  local name=$1 comm=$2 pid
  if pid=$(our_pid "$name" "$comm"); then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_for 15 fully_exited "$pid"; then
      warn "$name (pid $pid) ignored SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$STATE_DIR/pids/$name.pid"
}
