#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# UI stall benchmark: opens ~1 GB of W3C + 128 MB of HTTPERR logs in the window and reports, per
# phase, the longest time the UI thread's event loop was blocked (issue 6: must stay under 100 ms).
#
#   tests/bench/ui/bench_ui.sh [BUILD_DIR] [DATA_DIR]    (data generated once with the log generator)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="${1:-$root/build-gui}"
data="${2:-${TMPDIR:-/tmp}/httpsleuth-ui-bench}"
bench="$build/tests/ui/bench_ui_stall"
[ -x "$bench" ] || { echo "build first: cmake --build $build --target bench_ui_stall" >&2; exit 1; }
if [ ! -d "$data/W3SVC1" ]; then
  echo "generating benchmark logs in $data (once)" >&2
  python3 "$root/tests/bench/logs/gen_big_logs.py" "$data" --w3c-mb 1024 --httperr-mb 128 --files 1
fi
cat "$data"/*/* >/dev/null # warm the page cache: measure the UI, not the disk
echo "# $(nproc) cores, $(du -sh "$data" | cut -f1) in $data, $(date -u +%Y-%m-%dT%H:%MZ)"
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1600x1000x24" "$bench" "$data"
else
  echo "(xvfb-run missing: offscreen platform)" >&2
  QT_QPA_PLATFORM=offscreen "$bench" "$data"
fi
