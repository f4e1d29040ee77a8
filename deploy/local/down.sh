#!/usr/bin/env bash
# Stops exactly what up.sh started: the CertMesh services, then the servers. Data stays (--purge removes it).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/services.sh
source "$HERE/lib/services.sh"

args=()
state=""
for a in "$@"; do
  case $a in --purge) args+=("$a") ;; *) state=$a ;; esac
done
set_state_dir "$state"
stop_services
"$HERE/infra-down.sh" "$STATE_DIR" "${args[@]}"
