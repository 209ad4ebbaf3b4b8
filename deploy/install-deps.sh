#!/usr/bin/env bash
# Installs every Debian 12 package fcavtal needs to build, run and test.
# Run as root. Safe to run again. When another package install holds the
# dpkg or apt lock (unattended-upgrades, a second shell), this waits for it
# instead of failing: up to FCAVTAL_APT_WAIT seconds (default 900).
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libzmq3-dev libczmq-dev libsodium-dev
  libprotobuf-c-dev protobuf-c-compiler protobuf-compiler
  liblmdb-dev lmdb-utils
  libjansson-dev
  libcurl4-openssl-dev
  libical-dev
  libcmark-dev
  libpango1.0-dev libcairo2-dev fonts-dejavu-core
  libcriterion-dev
  clang-14 libclang-rt-14-dev
  python3 python3-zmq python3-protobuf python3-aiosmtpd
  poppler-utils qpdf sqlite3 libsqlite3-dev
)

WAIT=${FCAVTAL_APT_WAIT:-900}

# apt-get waits for the dpkg lock itself with DPkg::Lock::Timeout; the lists
# lock taken by `apt-get update` is not covered on every apt version, so a
# failed run that reports a held lock is retried until the same deadline.
apt_run() {
  local deadline=$((SECONDS + WAIT)) out rc
  while :; do
    rc=0
    out=$(apt-get -o DPkg::Lock::Timeout="$WAIT" "$@" 2>&1) || rc=$?
    if [ "$rc" -eq 0 ]; then
      printf '%s\n' "$out" | tail -n 3
      return 0
    fi
    if printf '%s' "$out" | grep -q -E 'Could not get lock|Unable to lock|is held by process' \
        && [ "$SECONDS" -lt "$deadline" ]; then
      echo "install-deps: another package manager holds the lock; waiting" >&2
      sleep 5
      continue
    fi
    printf '%s\n' "$out" >&2
    return "$rc"
  done
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  echo "install-deps: installing ${missing[*]}"
  apt_run update -qq
  apt_run install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "dependencies: all ${#PACKAGES[@]} packages present"
