#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the build dependencies that are missing (apt-get, Debian 12 / Ubuntu 22.04+ names),
# configures and builds HttpSleuth into ./build. Safe to run again: it only does what is missing.
#
#   scripts/setup.sh [--test-tools]    --test-tools also installs what the test suite drives
#                                       (clang for fuzzers, Xvfb, Chromium, tshark, packaging tools)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

with_test_tools=""
for arg in "$@"; do
  case "$arg" in
    --test-tools) with_test_tools=1 ;;
    -h|--help) sed -n '3,8p' "$0"; exit 0 ;;
    *) die "unknown option $arg" ;;
  esac
done

ensure_packages "${HS_BUILD_PACKAGES[@]}"
if [ -n "$with_test_tools" ]; then
  # tshark asks whether non-root users may capture; the answer does not matter here.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | as_root debconf-set-selections 2>/dev/null || true
  ensure_packages clang libclang-rt-dev/libclang-rt-14-dev xvfb xauth chromium/chromium-browser tshark \
    dpkg-dev file appstream desktop-file-utils
fi

log "configuring ($HS_BUILD_DIR)"
cmake -S "$HS_ROOT" -B "$HS_BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DHTTPSLEUTH_WARNINGS_AS_ERRORS=ON >/dev/null
log "building with $HS_JOBS jobs"
cmake --build "$HS_BUILD_DIR" -j "$HS_JOBS"
