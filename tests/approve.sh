#!/usr/bin/env bash
# Approves the current assessments of the golden cases: rewrites tests/golden/<id>.json from the
# built fossa. Review `git diff tests/golden` before committing. Usage: tests/approve.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fossa=${1:-$root/build}/fossa
for file in "$root"/tests/golden/*.json; do
  id=$(basename "$file" .json)
  grep "\"id\": \"$id\"" "$root/tests/cases/dev.jsonl" | "$fossa" assess - |
    sed -E 's/"hash":"[0-9a-f]{16}"/"hash":"<hash>"/' > "$file"
  echo "approved $id"
done
