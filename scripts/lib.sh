#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Shared helpers for the scripts in this folder. Sourced, not run.

HS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HS_BUILD_DIR="${HS_BUILD_DIR:-$HS_ROOT/build}"
HS_JOBS="${HS_JOBS:-$(nproc 2>/dev/null || echo 2)}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# pick_package NAME [ALTERNATIVE...]: the first name apt knows (Debian 12 and Ubuntu 22.04+ differ).
pick_package() {
  local p
  for p in "$@"; do
    if apt-cache show "$p" >/dev/null 2>&1; then echo "$p"; return 0; fi
  done
  return 1
}

# ensure_packages NAME|ALT1/ALT2 ...: installs what is missing, in one apt-get call.
ensure_packages() {
  command -v apt-get >/dev/null 2>&1 || { log "no apt-get: install the dependencies listed in README.md yourself"; return 0; }
  local missing=() spec name alts
  for spec in "$@"; do
    IFS=/ read -r -a alts <<<"$spec"
    # Installed already under any of its names?
    local have=""
    for name in "${alts[@]}"; do
      if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "ok installed"; then have=1; break; fi
    done
    [ -n "$have" ] && continue
    missing+=("$spec")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${HS_APT_UPDATED:-}" ]; then as_root apt-get update -qq; HS_APT_UPDATED=1; fi
  local resolved=()
  for spec in "${missing[@]}"; do
    IFS=/ read -r -a alts <<<"$spec"
    if name=$(pick_package "${alts[@]}"); then resolved+=("$name")
    else die "no package found for ${alts[*]}"; fi
  done
  as_root apt-get install -y -qq --no-install-recommends "${resolved[@]}" >/dev/null
}

HS_BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config git python3
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev/libqt6charts6-dev qt6-svg-dev/libqt6svg6-dev
  # Qt6Charts needs Qt6OpenGL's CMake package, which qt6-base-dev only recommends (and we install
  # without recommends): name it, or configuring fails on a machine that lacks it.
  libgl-dev libqt6opengl6-dev
  libre2-dev catch2 zlib1g-dev libarchive-dev
)
