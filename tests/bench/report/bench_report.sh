#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Report benchmark: on the ~1 GB incident bundle of the knowledge-base benchmark (W3C + HTTPERR +
# pcap), what `analyze --html` adds: chart aggregates and the HTML report (plain and redacted), and
# the report's size. Budget (issue 5): < 5 MB and < 1 s extra.
#
#   tests/bench/report/bench_report.sh [BUILD_DIR] [DATA_DIR]     (data generated once, ~1 GB)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="${1:-$root/build}"
data="${2:-$root/tests/bench/data/kb}"
bench="$build/tests/core/report/bench_report"
[ -x "$bench" ] || { echo "build first: cmake --build $build --target bench_report" >&2; exit 1; }
if [ ! -f "$data/capture.pcap" ]; then
  echo "generating the benchmark bundle in $data (once)" >&2
  python3 "$root/tests/bench/kb/gen_bench_bundle.py" "$data"
fi
cat "$data"/W3SVC1/* "$data"/HTTPERR/* "$data"/capture.pcap >/dev/null # warm the page cache
echo "# $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), bundle $(du -sh "$data" | cut -f1)"
"$bench" "$data" --runs 3 --out "${TMPDIR:-/tmp}/httpsleuth-bench-report.html"
