#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Log ingestion benchmark: times `httpsleuth-cli analyze --json /dev/null` on ~1 GB of W3C and
# ~1 GB of HTTPERR (one big file each: parallel within a file; and a folder of 8 files: parallel
# across files), with peak anonymous memory, next to lnav and GoAccess when they are installed.
#
#   tests/bench/logs/bench_logs.sh [BUILD_DIR] [DATA_DIR]     (data is generated once, ~2.5 GB)
#
# RUNS=N (default 3) runs each httpsleuth measurement N times and reports the median with the range
# (measure.py --runs); lnav and GoAccess run once, they take minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="${1:-$root/build}"
data="${2:-$root/tests/bench/data/logs}"
cli="$build/app/httpsleuth-cli"
measure="$here/../measure.py"
runs="${RUNS:-3}"
[ -x "$cli" ] || { echo "build first: $cli missing" >&2; exit 1; }

# Each set on its own: a tree with only one of them (an interrupted run, a hand-made set) still
# gets the other.
if [ ! -d "$data/one" ]; then
  echo "generating the one-file benchmark logs in $data/one (once)" >&2
  python3 "$here/gen_big_logs.py" "$data/one" --w3c-mb 1024 --httperr-mb 1024 --files 1
fi
if [ ! -d "$data/many" ]; then
  echo "generating the eight-file benchmark logs in $data/many (once)" >&2
  python3 "$here/gen_big_logs.py" "$data/many" --w3c-mb 1024 --httperr-mb 0 --files 8
fi
w3c="$data/one/W3SVC1/u_ex261121.log"
err="$data/one/HTTPERR/httperr1.log"
size() { du -sb "$1" | cut -f1; }
# Warm the page cache so every tool reads from memory, as the 2nd run of any tool would.
cat "$w3c" "$err" "$data"/many/W3SVC1/* >/dev/null

echo "# $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), httpsleuth $("$cli" --version | cut -d' ' -f2)"
python3 "$measure" --runs "$runs" "httpsleuth W3C 1 file" "$(size "$w3c")" -- "$cli" analyze --quiet --json /dev/null "$w3c"
python3 "$measure" --runs "$runs" "httpsleuth W3C 8 files" "$(size "$data/many")" -- "$cli" analyze --quiet --json /dev/null "$data/many"
python3 "$measure" --runs "$runs" "httpsleuth HTTPERR 1 file" "$(size "$err")" -- "$cli" analyze --quiet --json /dev/null "$err"
python3 "$measure" --runs "$runs" "httpsleuth W3C+HTTPERR" "$(size "$data/one")" -- "$cli" analyze --quiet --json /dev/null "$data/one"
if command -v lnav >/dev/null; then
  python3 "$measure" "lnav W3C 1 file" "$(size "$w3c")" -- lnav -n -c ';SELECT count(*) FROM w3c_log' "$w3c"
fi
if command -v goaccess >/dev/null; then
  python3 "$measure" "goaccess W3C 1 file" "$(size "$w3c")" -- goaccess "$w3c" --log-format=W3C -o "${TMPDIR:-/tmp}/goaccess-bench.json" --no-progress
fi
