#!/usr/bin/env bash
# Gives an application its own RabbitMQ user and prints the Principal and RoleBindings that let it act in CertMesh.
# Usage: deploy/local/add-app-user.sh [--vhost VHOST] [--state STATE_DIR] NAME [NAMESPACE...]
#   The password is CERTMESH_APP_PASSWORD, or a new random one, written to STATE_DIR/out/app-users/NAME.password (0600).
#   Run again to reset the password and permissions. Apply the printed YAML with `certmesh apply -f -` (an admin's token).
# The broker then proves who sends each message (the user_id property, see README "An application's own RabbitMQ
# user"), and Trigger lets that user apply, renew and delete Certificates only where its principal has role edit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/rabbitmq.sh
source "$HERE/lib/rabbitmq.sh"

[[ $(id -u) -eq 0 ]] || die "run as root (rabbitmqctl runs as user rabbitmq with the node's cookie)"
vhost=/
state=${CERTMESH_STATE_DIR:-}
args=()
while (($# > 0)); do
  case $1 in
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    --vhost) vhost=${2:?--vhost needs a name}; shift ;;
    --state) state=${2:?--state needs a directory}; shift ;;
    -*) die "unknown option $1" ;;
    *) args+=("$1") ;;
  esac
  shift
done
((${#args[@]} >= 1)) || die "usage: add-app-user.sh [--vhost VHOST] [--state STATE_DIR] NAME [NAMESPACE...]"
name=${args[0]}
namespaces=("${args[@]:1}")
set_state_dir "$state"

password=${CERTMESH_APP_PASSWORD:-$(openssl rand -hex 24)}
rabbitmq_ensure_app_user "$name" "$password" "$vhost"
mkdir -p "$STATE_DIR/out/app-users"
(umask 077; printf '%s\n' "$password" >"$STATE_DIR/out/app-users/$name.password")
log "RabbitMQ user $name on vhost $vhost; password in $STATE_DIR/out/app-users/$name.password"

cat <<YAML
apiVersion: auth.certmesh.io/v1
kind: Principal
metadata:
  name: $name
spec:
  description: application $name, publishing on the bus as RabbitMQ user $name
  rabbitmqUser: $name
YAML
for ns in "${namespaces[@]}"; do
  cat <<YAML
---
apiVersion: auth.certmesh.io/v1
kind: RoleBinding
metadata:
  name: $name-edit
  namespace: $ns
spec:
  role: edit
  subjects:
    - kind: Principal
      name: $name
YAML
done
