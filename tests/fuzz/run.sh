#!/usr/bin/env bash
# Runs each libFuzzer harness for a bounded time and prints TAP, one line per
# harness: "ok N - fuzz_pretix: 15 s, 123456 runs, no crash".
#   tests/fuzz/run.sh            FUZZ_SECONDS (default 15) per harness
# The harnesses are built by `make fuzz-build` (clang, -fsanitize=fuzzer,
# address,undefined). Seeds: tests/fuzz/corpus/<name>/ (and the unit test
# fixtures for pretix); what the fuzzer finds goes to a scratch directory,
# crashes to build-fuzz/crashes/ so they can be replayed:
#   build-fuzz/fuzz_pretix build-fuzz/crashes/crash-…
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
seconds=${FUZZ_SECONDS:-15}
n=0; failed=0

if ! make --no-print-directory -s fuzz-build >build-fuzz.log 2>&1; then
  echo "not ok 1 - fuzz harnesses did not build (clang with libFuzzer needed; see build-fuzz.log)"
  sed 's/^/# /' build-fuzz.log | tail -20
  echo "1..1"
  exit 1
fi
rm -f build-fuzz.log
mkdir -p build-fuzz/crashes
scratch=$(mktemp -d /tmp/boxoffice-fuzz.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

for name in pretix native; do
  n=$((n + 1))
  bin=build-fuzz/fuzz_$name
  seeds=(tests/fuzz/corpus/$name)
  [ $name = pretix ] && seeds+=(tests/unit/fixtures)
  mkdir -p "$scratch/$name"
  log="$scratch/$name.log"
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict=tests/fuzz/json.dict -artifact_prefix=build-fuzz/crashes/ \
    "$scratch/$name" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ $rc = 0 ]; then
    echo "ok $n - fuzz_$name: $seconds s, ${runs:-?} runs, no crash"
  else
    failed=$((failed + 1))
    echo "not ok $n - fuzz_$name: exit $rc after ${runs:-?} runs"
    grep -E 'ERROR|SUMMARY|fuzz_(pretix|native):|Test unit written|artifact' "$log" | head -15 | sed 's/^/# /'
  fi
done
echo "1..$n"
[ $failed = 0 ]
