#!/usr/bin/env bash
# Installs what keysweep needs to build and test on Debian 12, only if something is missing.
# Uses sudo when not run as root. Safe to run again: it does nothing when all is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libhyperscan-dev libgit2-dev libre2-dev libtbb-dev
  nlohmann-json3-dev libcli11-dev doctest-dev libtomlplusplus-dev zlib1g-dev
  python3 python3-jsonschema
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "keysweep setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "keysweep setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
