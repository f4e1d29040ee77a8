#!/usr/bin/env bash
# Installs and starts what the tests need (RabbitMQ, PostgreSQL, Pebble, BIND on loopback), then runs every
# test project; exits non-zero on any failure. Servers this script started are stopped again at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

# Server state lives beside the checkout when the service users (postgres, rabbitmq, bind) can reach it,
# otherwise under /var/tmp (a clone inside a private mktemp directory, as CI may use).
state=${CERTMESH_TEST_STATE:-$ROOT/deploy/local/.state}
if ! setpriv --reuid=nobody --regid=nogroup --clear-groups -- test -x "$(dirname "$state")" 2>/dev/null; then
  state=/var/tmp/certmesh-state-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
fi

started_here=0
if ! [[ -f "$state/env" ]] || ! (exec 3<>/dev/tcp/127.0.0.1/5433) 2>/dev/null; then
  started_here=1
fi
stop_servers() {
  if ((started_here)) && [[ -z "${CERTMESH_KEEP_SERVERS:-}" ]]; then
    "$ROOT/deploy/local/infra-down.sh" "$state" >/dev/null 2>&1 || true
  fi
}
trap stop_servers EXIT

command -v dotnet >/dev/null || { echo "tests/run.sh: the .NET SDK 10 (dotnet) is required" >&2; exit 1; }
"$ROOT/deploy/local/infra-up.sh" "$state"
# shellcheck disable=SC1091
source "$state/env"

echo "== docker-compose.yml (validated only: no Docker engine runs here)"
docker-compose -f "$ROOT/docker-compose.yml" config -q

echo "== build"
dotnet build "$ROOT/CertMesh.sln" -c Release -nologo -v q -clp:ErrorsOnly

# The NuGet packages applications reference: the sample application's test builds it from them, as up.sh does.
echo "== packages"
# shellcheck source=../deploy/local/lib/common.sh
source "$ROOT/deploy/local/lib/common.sh"
# shellcheck source=../deploy/local/lib/packages.sh
source "$ROOT/deploy/local/lib/packages.sh"
pack_certmesh_packages "$(mktemp)"

echo "== test"
log=$(mktemp)
set +e
dotnet test "$ROOT/CertMesh.sln" -c Release --no-build -nologo -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# ACME must also hold up when the CA rejects half of all nonces (issues 3 and 4): Pebble is restarted with
# PEBBLE_WFE_NONCEREJECT=50 for one more pass of the ACME client suite and of the stack's ACME tests, then put back.
if ((status == 0)); then
  echo "== ACME again, Pebble rejecting 50% of nonces"
  set +e
  if PEBBLE_WFE_NONCEREJECT=50 "$ROOT/deploy/local/infra-up.sh" "$state" >/dev/null; then
    dotnet test "$ROOT/tests/CertMesh.Acme.Tests/CertMesh.Acme.Tests.csproj" -c Release --no-build -nologo 2>&1 | tee -a "$log"
    ((PIPESTATUS[0] == 0)) || status=1
    dotnet test "$ROOT/tests/CertMesh.Integration.Tests/CertMesh.Integration.Tests.csproj" -c Release --no-build -nologo \
      --filter "FullyQualifiedName~CertMesh.Integration.Tests.Acme" 2>&1 | tee -a "$log"
    ((PIPESTATUS[0] == 0)) || status=1
  else
    status=1
  fi
  PEBBLE_WFE_NONCEREJECT=0 "$ROOT/deploy/local/infra-up.sh" "$state" >/dev/null || status=1
  set -e
fi

# One closing line over every test assembly: "N passed, N failed".
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { gsub(",", "", p); printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
