#!/usr/bin/env bash
# Idempotently installs the Debian packages the local CertMesh infrastructure needs (root, non-interactive).
set -euo pipefail

PACKAGES=(rabbitmq-server postgresql pebble bind9 dnsutils openssl curl docker-compose wrk nginx-light lego prometheus)
# Commands the infra scripts rely on; checked after installing.
COMMANDS=(/usr/lib/rabbitmq/bin/rabbitmq-server /usr/lib/rabbitmq/bin/rabbitmqctl epmd
          /usr/lib/postgresql/15/bin/initdb /usr/lib/postgresql/15/bin/pg_ctl psql
          pebble named tsig-keygen nsupdate dig openssl curl setpriv docker-compose wrk
          /usr/bin/prometheus /usr/bin/promtool)

declare -A status=()
while read -r pkg state; do status[$pkg]=$state; done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
missing=()
for pkg in "${PACKAGES[@]}"; do
  [[ ${status[$pkg]:-} == installed ]] || missing+=("$pkg")
done

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install.sh: missing packages (${missing[*]}) and not root; run as root" >&2
    exit 1
  fi
  echo "install.sh: installing ${missing[*]}" >&2
  # Keep maintainer scripts from starting system services on their default ports/interfaces
  # (nginx on :80, rabbitmq on :5672, ...): we run our own instances on loopback only.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
  apt-get -q update
  apt-get -q install -y --no-install-recommends -o DPkg::Lock::Timeout=120 "${missing[@]}"
  # Where systemd runs, the prometheus package also enables its unit (0.0.0.0:9090 at every boot); ours is started
  # by lib/prometheus.sh on 127.0.0.1 only, so the system one is switched off. (policy-rc.d above kept it from starting
  # now; this also covers a host whose own policy-rc.d allows starts.)
  if [[ " ${missing[*]} " == *" prometheus "* && -d /run/systemd/system ]]; then
    systemctl disable --now prometheus.service >/dev/null 2>&1 || true
  fi
fi

for cmd in "${COMMANDS[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || { echo "install.sh: required command '$cmd' not found after install" >&2; exit 1; }
done
