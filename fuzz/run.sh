#!/usr/bin/env bash
# Fuzzes the case parser (or TARGET: case_parser, extract, http) with libFuzzer (clang-14, ASan, UBSan) for
# SECONDS (default 60), growing fuzz/corpus/TARGET; crashing inputs are written there too, so the
# tests replay them. Usage: fuzz/run.sh [SECONDS] [TARGET]
set -euo pipefail
command -v clang++-14 >/dev/null || { echo "fuzz/run.sh needs clang-14 and libclang-rt-14-dev (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
target=${2:-case_parser}
build=$root/build-fuzz
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFOSSA_FUZZ=ON \
  -DFOSSA_SANITIZE=ON -DFOSSA_TESTS=OFF -DFOSSA_BENCH=OFF > /dev/null
cmake --build "$build" -j "$(nproc)" --target "fuzz_$target"
mkdir -p "$root/fuzz/corpus/$target"
# New inputs go to a scratch directory; only a minimal set that keeps the coverage is merged back.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$build/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=4096 -timeout=5 \
  -artifact_prefix="$root/fuzz/corpus/$target/crash-" "$scratch" "$root/fuzz/corpus/$target"
"$build/fuzz/fuzz_$target" -merge=1 "$root/fuzz/corpus/$target" "$scratch"
