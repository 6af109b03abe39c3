#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with clang (core compiled again with fuzzer + ASan/UBSan
# instrumentation) and runs each for HS_FUZZ_SECONDS (default 60) on its seed corpus, two at a
# time. Fails on any crash, leak, timeout or out-of-memory.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

seconds="${HS_FUZZ_SECONDS:-60}"
# A fixed seed makes a CI failure reproducible (same mutations from the same corpus); set
# HS_FUZZ_SEED to explore elsewhere.
seed="${HS_FUZZ_SEED:-1}"
fuzz_build="${HS_FUZZ_BUILD_DIR:-$HS_ROOT/build-fuzz}"
command -v clang++ >/dev/null || die "clang++ is needed for the fuzzers (scripts/setup.sh --test-tools)"

log "building fuzz targets ($fuzz_build)"
CXX=clang++ CC=clang cmake -S "$HS_ROOT" -B "$fuzz_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHTTPSLEUTH_BUILD_FUZZERS=ON -DHTTPSLEUTH_BUILD_GUI=OFF -DHTTPSLEUTH_BUILD_TESTS=OFF >/dev/null
cmake --build "$fuzz_build" -j "$HS_JOBS"

targets=()
for exe in "$fuzz_build"/tests/fuzz/fuzz_*; do
  [ -x "$exe" ] && [ -f "$exe" ] && targets+=("$exe")
done
[ ${#targets[@]} -gt 0 ] || die "no fuzz targets were built"

results="$fuzz_build/fuzz-results"
rm -rf "$results"; mkdir -p "$results"
run_one() {
  local exe=$1 name; name=$(basename "$exe")
  local seeds="$HS_ROOT/tests/fuzz/seeds/${name#fuzz_}"
  local corpus="$results/$name-corpus"
  mkdir -p "$corpus"
  [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/ 2>/dev/null || true
  if (cd "$results" && ASAN_OPTIONS=detect_leaks=1 "$exe" -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "$corpus" >"$results/$name.log" 2>&1); then
    echo "ok   $name ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$results/$name.log" | grep -o '[0-9]*$') runs)"
  else
    echo "FAIL $name (see $results/$name.log)"; tail -40 "$results/$name.log"; return 1
  fi
}
export -f run_one; export seconds seed results HS_ROOT
log "fuzzing ${#targets[@]} targets for ${seconds} s each"
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'run_one "$@"' _ {}
