#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Knowledge-base benchmark: on a ~1 GB incident bundle (W3C + HTTPERR + pcap, with W3C lines for
# the captured requests), how much correlation + detection add to ingestion. Budget: ≤ 10 %.
#
#   tests/bench/kb/bench_kb.sh [BUILD_DIR] [DATA_DIR]      (data generated once, ~1 GB)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="${1:-$root/build}"
data="${2:-$root/tests/bench/data/kb}"
bench="$build/tests/core/kb/bench_kb_stages"
cli="$build/app/httpsleuth-cli"
[ -x "$bench" ] || { echo "build first: cmake --build $build --target bench_kb_stages httpsleuth-cli" >&2; exit 1; }
if [ ! -f "$data/capture.pcap" ]; then
  echo "generating the benchmark bundle in $data (once)" >&2
  python3 "$here/gen_bench_bundle.py" "$data"
fi
cat "$data"/W3SVC1/* "$data"/HTTPERR/* "$data"/capture.pcap >/dev/null # warm the page cache
echo "# $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), bundle $(du -sh "$data" | cut -f1)"
"$bench" "$data" --runs 3
if [ -x "$cli" ]; then
  python3 "$here/../measure.py" "httpsleuth-cli analyze (whole bundle)" "$(du -sb "$data" | cut -f1)" -- \
    "$cli" analyze --quiet --json /dev/null "$data"
fi
