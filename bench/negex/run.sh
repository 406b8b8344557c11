#!/usr/bin/env bash
# Negation on the public NegEx test set: the context rules of knowledge/text/context.yaml against
# the 2,376 annotated sentences of chapmanbe/negex (negex.python/Annotations-1-120.txt), next to
# NegEx's published figures. The file has no stated licence: it is not committed; fetch it and give
# its path. Usage: bench/negex/run.sh ANNOTATIONS_FILE [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
file=${1:?usage: bench/negex/run.sh Annotations-1-120.txt [BUILD_DIR]}
build=${2:-$root/build}
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 1; }
"$build/bench/fossa_negex_bench" "$file"
