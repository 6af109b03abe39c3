#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The main job: set up, build, and analyse the bundled sample incident (resources/samples/).
# Prints what was found, writes report.json and report.html in the current folder, and opens the
# desktop application on the same folder when a display is available (--no-gui to skip).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

open_gui=1
for arg in "$@"; do
  case "$arg" in
    --no-gui) open_gui="" ;;
    *) die "unknown option $arg" ;;
  esac
done

"$HS_ROOT/scripts/setup.sh"
samples="$HS_ROOT/resources/samples"
cli="$HS_BUILD_DIR/app/httpsleuth-cli"
log "analysing $samples"
status=0
"$cli" analyze --json report.json --html report.html "$samples" || status=$?
[ "$status" -eq 0 ] || die "httpsleuth-cli exited with $status"
log "wrote $(pwd)/report.json and $(pwd)/report.html"
if [ -n "$open_gui" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; } && [ -x "$HS_BUILD_DIR/app/httpsleuth" ]; then
  log "opening the desktop application"
  "$HS_BUILD_DIR/app/httpsleuth" "$samples" &
fi
