#!/usr/bin/env bash
# Keeps one CertMesh service process running: starts COMMAND, and whenever it exits (a crash, kill -9, an
# unhandled error) starts it again after a back-off of 1 s, doubling up to 30 s, back to 1 s once a run lasted a
# minute. SIGTERM/SIGINT stop the service (TERM, then KILL after 10 s) and then the loop, so down.sh stops both.
# Usage: supervise.sh NAME LOGFILE CHILD_PIDFILE -- COMMAND...   (the service's output is appended to LOGFILE)
set -uo pipefail
name=$1 logfile=$2 child_pidfile=$3
shift 3
[[ ${1:-} == -- ]] && shift
(($# > 0)) || { echo "usage: supervise.sh NAME LOGFILE CHILD_PIDFILE -- COMMAND..." >&2; exit 2; }

child=0
stopping=0
note() { printf '%s [supervise] %s\n' "$(date -Is)" "$*" >>"$logfile"; }

stop() {
  stopping=1
  ((child > 0)) || return 0
  kill -TERM "$child" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$child" 2>/dev/null || return 0; sleep 0.2; done
  note "$name (pid $child) ignored SIGTERM for 10 s; sending SIGKILL"
  kill -KILL "$child" 2>/dev/null || true
}
trap stop TERM INT

delay=1
while ((!stopping)); do
  started=$SECONDS
  "$@" >>"$logfile" 2>&1 </dev/null &
  child=$!
  echo "$child" >"$child_pidfile"
  # A stop that arrived while the service was being started found no child to stop yet.
  ((stopping)) && kill -TERM "$child" 2>/dev/null
  # wait returns early when a trapped signal arrives; keep waiting until the service has really exited.
  status=0
  while kill -0 "$child" 2>/dev/null; do
    wait "$child"
    status=$?
  done
  # Forget the pid at once: after the exit the kernel may give it to another process, which a stop must not hit.
  exited=$child
  child=0
  rm -f "$child_pidfile"
  ((stopping)) && break
  ((SECONDS - started >= 60)) && delay=1
  note "$name (pid $exited) exited with status $status; starting it again in ${delay}s"
  sleep "$delay" &
  sleeper=$!
  wait "$sleeper" 2>/dev/null
  kill "$sleeper" 2>/dev/null   # a stop during the back-off leaves no sleep behind
  delay=$((delay * 2 > 30 ? 30 : delay * 2))
done
rm -f "$child_pidfile"
