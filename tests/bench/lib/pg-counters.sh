#!/usr/bin/env bash
# Prints PostgreSQL's cumulative counters for the whole cluster, one "name value" a line; the ca bench runs it at the
# start and the end of its measured part (CERTMESH_BENCH_COUNTERS) and reports the increase per certificate.
#   write-transactions  transaction ids handed out (pg_current_snapshot's xmax): exact and immediate, writes only
#   transactions        commits in pg_stat_database, reads included; a backend reports them at most once a second
#                       (an idle one within 10 s), so a read at the end misses up to its last second of work
#   rollbacks, rows-inserted, rows-updated, rows-deleted   pg_stat_database, reported as late as commits
#   wal-kB              WAL written (pg_current_wal_lsn): exact and immediate
# Connects with the PG* variables run.sh exports from CERTMESH_POSTGRES.
set -euo pipefail
psql -qAtX -F ' ' -v ON_ERROR_STOP=1 <<'SQL'
WITH d AS (
  SELECT sum(xact_commit) AS c, sum(xact_rollback) AS r, sum(tup_inserted) AS i, sum(tup_updated) AS u, sum(tup_deleted) AS del
  FROM pg_stat_database)
SELECT 'write-transactions', pg_snapshot_xmax(pg_current_snapshot())::text
UNION ALL SELECT 'transactions', c::text FROM d
UNION ALL SELECT 'rollbacks', r::text FROM d
UNION ALL SELECT 'rows-inserted', i::text FROM d
UNION ALL SELECT 'rows-updated', u::text FROM d
UNION ALL SELECT 'rows-deleted', del::text FROM d
UNION ALL SELECT 'wal-kB', round(pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') / 1024, 1)::text;
SQL
