#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian package from an existing build directory: brings the build up to date, then runs
# `cpack -G DEB` (installing into a staging tree, stripping, computing Depends with dpkg-shlibdeps).
#
#   scripts/package-deb.sh [BUILD_DIR] [OUTPUT_DIR]
#
# BUILD_DIR defaults to ./build, OUTPUT_DIR to BUILD_DIR/packages. The last line printed on stdout is
# the path of the .deb (scripts/test-package.sh reads it); everything else goes to stderr.
# Needs cmake/cpack and dpkg-shlibdeps (Debian/Ubuntu: apt-get install dpkg-dev).
# HS_PACKAGE_NO_BUILD=1 packages the binaries the build directory already holds, without building.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
out="${2:-}"
jobs="${HS_JOBS:-2}"

say() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'package-deb.sh: %s\n' "$*" >&2; exit 1; }

[ -f "$build/CMakeCache.txt" ] || fail "$build is not a configured build directory (cmake -S $root -B $build)"
build="$(cd "$build" && pwd)"
out="${out:-$build/packages}"
command -v cpack >/dev/null 2>&1 || fail "cpack not found (it comes with cmake)"
command -v dpkg-shlibdeps >/dev/null 2>&1 || fail "dpkg-shlibdeps not found: apt-get install dpkg-dev"
command -v dpkg-deb >/dev/null 2>&1 || fail "dpkg-deb not found: this script builds Debian packages"

# A build directory configured before installer/ existed has no CPack configuration yet.
if [ ! -f "$build/CPackConfig.cmake" ]; then
  say "configuring $build again to generate the CPack configuration"
  cmake "$build" >&2
fi

if [ -z "${HS_PACKAGE_NO_BUILD:-}" ]; then
  say "bringing $build up to date"
  cmake --build "$build" -j "$jobs" >&2
fi

mkdir -p "$out"
say "cpack -G DEB into $out"
# Each run starts from an empty staging area, so files removed from the install rules do not linger.
rm -rf "$out/_CPack_Packages"
(cd "$build" && cpack -G DEB -B "$out") >&2

version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
arch="$(dpkg --print-architecture)"
deb="$out/httpsleuth_${version}_${arch}.deb"
[ -f "$deb" ] || fail "cpack did not produce $deb"
rm -rf "$out/_CPack_Packages"

say "$(dpkg-deb --field "$deb" Package Version Architecture Installed-Size | tr '\n' ' ')"
say "Depends: $(dpkg-deb --field "$deb" Depends)"
say "size: $(du -h "$deb" | cut -f1)"
echo "$deb"
