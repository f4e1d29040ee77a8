#!/usr/bin/env bash
# Stops exactly what up.sh started: the sample application, the CertMesh services, then the servers. Data stays (--purge removes it).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/services.sh
source "$HERE/lib/services.sh"
# shellcheck source=lib/packages.sh
source "$HERE/lib/packages.sh"
# shellcheck source=lib/sample-app.sh
source "$HERE/lib/sample-app.sh"

args=()
state=""
for a in "$@"; do
  case $a in --purge) args+=("$a") ;; *) state=$a ;; esac
done
set_state_dir "$state"
stop_sample_app
stop_services
"$HERE/infra-down.sh" "$STATE_DIR" "${args[@]}"
