#!/usr/bin/env bash
# Speed, as ratios measured in one run (never a timed test):
#  1. the engine alone, microseconds per assessment (google-benchmark);
#  2. reading a 100-word description (fossa parse) against one assessment;
#  3. `fossa assess --batch` on 20,000 cases against `jq -c .` re-printing the same file.
# Usage: bench/run.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== engine (google-benchmark, dev cases)"
"$build/bench/fossa_bench" --benchmark_min_time=0.5 2>/dev/null | grep -E "^BM_|Benchmark"

echo "== free text: reading 100 words against one assessment (same run)"
"$build/bench/fossa_extract_bench" --benchmark_min_time=0.5 --benchmark_format=json 2>/dev/null > "$work/extract.json"
jq -r '.benchmarks[] | "\(.name)  \(.cpu_time | floor) \(.time_unit) cpu"' "$work/extract.json"
jq -r '[.benchmarks[] | {(.name): .cpu_time}] | add | "ratio read 100 words / assess: \(.BM_Extract100Words / .BM_Assess * 100 | round / 100) (goal: at most 1)"' "$work/extract.json"

echo "== batch: 20,000 cases"
jq -c '.' "$root/tests/cases/dev.jsonl" > "$work/one.jsonl"
n=$(wc -l < "$work/one.jsonl")
for ((i = 0; i < 20000; )); do
  while read -r line && ((i < 20000)); do
    printf '%s\n' "$line" | sed "s/\"id\": *\"\\([^\"]*\\)\"/\"id\":\"\\1-$i\"/"
    i=$((i + 1))
  done < "$work/one.jsonl"
done > "$work/cases.jsonl" 2>/dev/null || true
cases=$(wc -l < "$work/cases.jsonl")
bytes=$(wc -c < "$work/cases.jsonl")
echo "input: $cases cases, $bytes bytes ($n distinct)"

time_it() {  # prints the best of 3 wall-clock runs in seconds
  local best=999999
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null
    end=$(date +%s.%N)
    best=$(echo "$end - $start" | bc -l | awk -v b="$best" '{print ($1 < b) ? $1 : b}')
  done
  echo "$best"
}
fossa_s=$(time_it "$build/fossa" assess --batch "$work/cases.jsonl")
jq_s=$(time_it jq -c . "$work/cases.jsonl")
out_bytes=$("$build/fossa" assess --batch "$work/cases.jsonl" | wc -c)
printf 'fossa assess --batch: %.3f s (%.1f us/case, %d bytes out)\n' "$fossa_s" "$(echo "$fossa_s * 1000000 / $cases" | bc -l)" "$out_bytes"
printf 'jq -c .             : %.3f s (%.1f us/case)\n' "$jq_s" "$(echo "$jq_s * 1000000 / $cases" | bc -l)"
printf 'ratio fossa / jq    : %.2f (goal: at most 1)\n' "$(echo "$fossa_s / $jq_s" | bc -l)"
