#!/usr/bin/env bash
# Installs every Debian 12 package fcavtal needs to build, run and test.
# Run as root. Safe to run again.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libzmq3-dev libczmq-dev libsodium-dev
  libprotobuf-c-dev protobuf-c-compiler protobuf-compiler
  liblmdb-dev lmdb-utils
  libjansson-dev
  libcriterion-dev
  python3 python3-zmq python3-protobuf
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "dependencies: all ${#PACKAGES[@]} packages present"
