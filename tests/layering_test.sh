#!/usr/bin/env bash
# Each layer's own headers stay private to it: no file under src/<layer>/ includes a header of
# another layer's folder; layers talk through include/fossa/ only (ARCHITECTURE.md).
# Usage: layering_test.sh SOURCE_DIR
set -uo pipefail
root=$1
failed=0
for dir in "$root"/src/*/; do
  layer=$(basename "$dir")
  while IFS= read -r line; do
    failed=$((failed + 1))
    echo "FAIL ${line#"$root"/}: src/$layer includes another layer's private header"
  done < <(grep -Hn '^#include "[a-z_]*/' "$dir"* | grep -v "#include \"fossa/" | grep -v "#include \"$layer/")
done
echo "$failed crossing(s)"
[ "$failed" -eq 0 ]
