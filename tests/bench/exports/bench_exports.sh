#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Times the HAR and SAZ readers through the CLI on generated exports and prints MB/s and peak RSS.
# usage: tests/bench/exports/bench_exports.sh BUILD_DIR [ENTRIES]
set -euo pipefail
build=${1:?build dir}
entries=${2:-200000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_big_exports.py" "$work" "$entries"
for f in big.har big.saz; do
  bytes=$(stat -c %s "$work/$f")
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$build/app/httpsleuth-cli" analyze --quiet --json "$work/out.json" "$work/$f" || true
  read -r secs user sys rss_kb <"$work/time"
  records=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['sources'][0]['records'])" "$work/out.json")
  # CPU time as well as wall time: on a shared machine the wall clock says little.
  python3 -c "import sys; b,s,c,k,n=map(float,sys.argv[1:6]); print(f'{sys.argv[6]}: {b/1e6:.0f} MB on disk, {int(n)} records, {s:.2f} s wall, {c:.2f} s CPU = {b/1e6/max(c,1e-9):.0f} MB per CPU-second, {n/max(c,1e-9):.0f} records per CPU-second, peak RSS {k/1024:.0f} MB')" \
    "$bytes" "$secs" "$(python3 -c "print($user + $sys)")" "$rss_kb" "$records" "$f"
done
