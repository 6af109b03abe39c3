#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole test suite: set up (with the test tools), build once, run every CTest test, run each
# libFuzzer target for 60 s, and install/run/remove the .deb. CI runs exactly this (.ci/run).
#
# Environment: HS_FUZZ_SECONDS (default 60), HS_SKIP_FUZZ=1, HS_SKIP_PACKAGE=1 for quicker local runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start=$(date +%s)
"$HS_ROOT/scripts/setup.sh" --test-tools

log "running the test suite"
mkdir -p "$HS_BUILD_DIR/artifacts"
ctest --test-dir "$HS_BUILD_DIR" -j "$HS_JOBS" --output-on-failure --timeout 600 \
  --output-junit "$HS_BUILD_DIR/artifacts/ctest-junit.xml"

if [ -z "${HS_SKIP_FUZZ:-}" ]; then
  "$HS_ROOT/scripts/run-fuzzers.sh"
fi
if [ -z "${HS_SKIP_PACKAGE:-}" ] && [ -x "$HS_ROOT/scripts/test-package.sh" ]; then
  "$HS_ROOT/scripts/test-package.sh" "$HS_BUILD_DIR"
fi
log "all tests passed in $(( $(date +%s) - start )) s"
