# Sourced by run.sh and acme.sh: what a bench run meters over its measured part (the bench reads these at its first
# publish and last CertificateIssued). Needs STATE_DIR, HERE (tests/bench) and log().
# CPU: one root process per component; the bench adds every process under it (tests/bench/CertMesh.Bench/Resources).
# pid_of NAME COMM: the pid in pids/NAME.pid if that process is alive and is COMM (RabbitMQ's own file has no newline).
pid_of() {
  local pid=''
  { read -r pid <"$STATE_DIR/pids/$1.pid" || [[ -n $pid ]]; } 2>/dev/null || return 1
  [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == "$2" ]] && echo "$pid"
}
# pg_setting KEY: one value of the Npgsql connection string (Host=..;Port=..;Username=..;Password=..;Database=..).
pg_setting() { tr ';' '\n' <<<"$CERTMESH_POSTGRES" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { print substr($0, index($0, "=") + 1) }'; }
meter_components() {
  local file name pid list=()
  # Each service runs under supervise.sh (svc-NAME.pid), which records the dotnet process it started in svc-NAME.child.pid.
  for file in "$STATE_DIR"/pids/svc-*.child.pid; do
    [[ -e $file ]] || continue
    name=${file##*/svc-}; name=${name%.child.pid}
    if pid=$(pid_of "svc-$name.child" dotnet); then list+=("$name=$pid"); else log "no running process for service $name: its CPU is not metered"; fi
  done
  ((${#list[@]} > 0)) || log "no service pid files in $STATE_DIR/pids: services' CPU is not metered"
  # PostgreSQL: the postmaster and its backends and workers (the bench sums the tree); RabbitMQ: beam.smp and its helpers.
  if pid=$(pid_of postgres postgres); then list+=("postgres=$pid"); else log "PostgreSQL's postmaster not found: its CPU is not metered"; fi
  if pid=$(pid_of rabbitmq beam.smp); then list+=("rabbitmq=$pid"); else log "RabbitMQ's beam.smp not found: its CPU is not metered"; fi
  # The ACME CA shares the machine too: metered when asked (acme.sh), since it is part of what an ACME issuance costs here.
  if [[ ${METER_PEBBLE:-} == 1 ]]; then
    if pid=$(pid_of pebble pebble); then list+=("pebble=$pid"); else log "Pebble not found: its CPU is not metered"; fi
  fi
  export CERTMESH_BENCH_CPU="${list[*]}" CERTMESH_BENCH_CLK_TCK; CERTMESH_BENCH_CLK_TCK=$(getconf CLK_TCK)
  # PostgreSQL's counters (transactions, rows, WAL) through psql, as the stack's own user.
  if command -v psql >/dev/null && [[ -n ${CERTMESH_POSTGRES:-} ]]; then
    export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE CERTMESH_BENCH_COUNTERS="$HERE/lib/pg-counters.sh"
    PGHOST=$(pg_setting Host) PGPORT=$(pg_setting Port) PGUSER=$(pg_setting Username) PGPASSWORD=$(pg_setting Password) PGDATABASE=$(pg_setting Database)
  else
    log "psql or CERTMESH_POSTGRES missing: PostgreSQL's counters are not read"
  fi
}
