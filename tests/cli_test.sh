#!/usr/bin/env bash
# The `fossa` command end to end: every kind of bad input gets a clear message on stderr and a
# non-zero exit, never a crash or a hang; batch mode keeps one output line per input line.
# Usage: cli_test.sh FOSSA TESTS_DIR
set -uo pipefail
fossa=$1
tests=$2
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME EXIT_CODE STDERR_PATTERN -- command...   (stdin from $input)
expect() {
  local name=$1 code=$2 pattern=$3
  shift 4
  printf '%s' "$input" | timeout 10 "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$code" ] && grep -qE -- "$pattern" "$tmp/err" "$tmp/out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $got (want $code), output:"; head -c 600 "$tmp/err" "$tmp/out"; echo
  fi
}

input='{"evidence": {"age": 40,}}'
expect malformed 1 'not valid JSON at line 1, column' -- "$fossa" assess -
input='{"evidence": {"age": 40'
expect truncated 1 'truncated' -- "$fossa" assess -
input='{"evidence": {"calf_sweling": true}}'
expect unknown-finding 1 'unknown finding `calf_sweling`; did you mean calf_swelling' -- "$fossa" assess -
input='{"evidence": {"calf_swelling": 1}}'
expect wrong-type 1 '/evidence/calf_swelling: expected true, false or null' -- "$fossa" assess -
input='{"evidence": {"age": 200}}'
expect age-range 1 'age must be between 0 to 120' -- "$fossa" assess -
input='{"setting": "vet", "evidence": {}}'
expect setting 1 'unknown setting `vet`' -- "$fossa" assess -
input=$(printf '%0.s[' $(seq 1 5000))
expect deep 1 'nested more than' -- "$fossa" assess -
input=$(head -c 3000 /dev/urandom | tr -d '\000')
expect noise 1 'fossa: ' -- "$fossa" assess -
input=''
expect empty 1 'ends too early' -- "$fossa" assess -
input=''
expect missing-file 1 'cannot read the file: no such file or directory' -- "$fossa" assess /nonexistent/case.json
expect bad-command 2 'subcommand|frobnicate' -- "$fossa" frobnicate

# Good input: JSON and text.
input='{"id": "c1", "setting": "patient", "evidence": {"age": 34, "calf_swelling": true, "breathlessness": true}}'
expect ambulance 0 '"level":"ambulance"' -- "$fossa" assess -
expect text 0 'WHAT TO DO: Call an ambulance' -- "$fossa" assess - --format text
# --explain all: every condition of the differential has raised_by (22 of them), the default only
# the leading and suspected ones.
input='{"evidence": {"age": 58, "calf_swelling": true}}'
printf '%s' "$input" | "$fossa" assess - --explain all > "$tmp/all.json"
printf '%s' "$input" | "$fossa" assess - > "$tmp/leading.json"
all_count=$(grep -o '"raised_by"' "$tmp/all.json" | wc -l)
leading_count=$(grep -o '"raised_by"' "$tmp/leading.json" | wc -l)
conditions=$(grep -o '"condition":' "$tmp/all.json" | wc -l)
if [ "$all_count" -eq "$conditions" ] && [ "$leading_count" -ge 5 ] && [ "$leading_count" -lt "$all_count" ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL explain-all: $all_count of $conditions explained with --explain all, $leading_count by default"
fi
expect explain-value 2 'explain' -- "$fossa" assess - --explain some
expect version 0 'knowledge base' -- "$fossa" --version
expect help 0 'batch' -- "$fossa" assess --help
expect kb-check 0 '^ok' -- "$fossa" kb check

# A broken copy of the knowledge base: kb check names the file, the line and what to change.
cp -r "$tests/../knowledge" "$tmp/kb"
sed -i '0,/^    red_flag: true/s//    red_flag: ture/' "$tmp/kb/triage.yaml"
sed -i '0,/when: active_cancer, points: \[1, 1\]/s//when: active_cancer, points: [1x, 1]/' "$tmp/kb/scores.yaml"
printf 'name: again\n' >>"$tmp/kb/knowledge_base.yaml"
sed -i '0,/^  value: 0\.05$/s///' "$tmp/kb/conditions/dvt.yaml"
sed -i '0,/^  estimate: /s//  estmate: /' "$tmp/kb/conditions/dvt.yaml"
input=''
expect kb-check-duplicate 1 'knowledge_base\.yaml:[0-9]+: `name` appears twice in this entry \(first at line [0-9]+\)' -- "$fossa" kb check --kb "$tmp/kb"
expect kb-check-missing 1 'conditions/dvt\.yaml:[0-9]+: missing `value`: add a number' -- "$fossa" kb check --kb "$tmp/kb"
expect kb-check-unknown 1 'conditions/dvt\.yaml:[0-9]+: unknown key `estmate` \(did you mean `estimate`\?\)' -- "$fossa" kb check --kb "$tmp/kb"
expect kb-check-flag 1 'triage\.yaml:[0-9]+: `red_flag` must be true or false, not `ture`' -- "$fossa" kb check --kb "$tmp/kb"
expect kb-check-points 1 'scores\.yaml:[0-9]+: each entry of `points` must be a number, not `1x`' -- "$fossa" kb check --kb "$tmp/kb"

# kb diff: the same knowledge base changes nothing; a much higher DVT prior changes some cases.
cp -r "$tests/../knowledge" "$tmp/same"
expect kb-diff-same 0 '^0 case\(s\) whose disposition or top three changed' -- "$fossa" kb diff "$tests/../knowledge" "$tmp/same" "$tests/cases/dev.jsonl"
expect kb-diff-metrics 0 '^  brier +[0-9.]+ +[0-9.]+ +\+0\.0000' -- "$fossa" kb diff "$tests/../knowledge" "$tmp/same" "$tests/cases/dev.jsonl"
sed -i 's/^  value: 0\.05$/  value: 0.6/' "$tmp/same/conditions/dvt.yaml"
expect kb-diff-changed 0 'dev\.jsonl [^ ]+  [a-z_]+ -> [a-z_]+' -- "$fossa" kb diff "$tests/../knowledge" "$tmp/same" "$tests/cases/dev.jsonl"
expect kb-diff-json 0 '"changes":\[\{"file":' -- "$fossa" kb diff "$tests/../knowledge" "$tmp/same" "$tests/cases/dev.jsonl" --json
expect kb-diff-help 0 'Example' -- "$fossa" kb diff --help
expect kb-diff-bad 1 'triage\.yaml:[0-9]+' -- "$fossa" kb diff "$tests/../knowledge" "$tmp/kb" "$tests/cases/dev.jsonl"

# Batch: one line out per line in (a blank line too), errors in place with the case's id, exit 1
# when any line failed.
input=$(printf '%s\n%s\n\n%s\n' '{"id":"a","evidence":{"age":30}}' '{"id":"b","evidence":{"nope":true}}' '{"id":"c","evidence":{"age":70}}')
expect batch 1 'line 2 /evidence/nope' -- "$fossa" assess --batch -
lines=$(wc -l <"$tmp/out")
if [ "$lines" -eq 4 ] && grep -q '"id":"c"' "$tmp/out" && sed -n 2p "$tmp/out" | grep -q '^{"id":"b","error":{"type":"unknown-field"' &&
  sed -n 3p "$tmp/out" | grep -q '"message":"the line is empty'; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL batch lines: $lines"; cat "$tmp/out" | cut -c1-200
fi

# Hostile and awkward input: each gets one clear answer.
check_true() {  # NAME CONDITION...
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; head -c 600 "$tmp/err" "$tmp/out"; echo; fi
}
input='{"evidence": {"calf_swelling": true, "calf_swelling": false}}'
expect duplicate-key 1 'the key `calf_swelling` is given twice' -- "$fossa" assess -
input="{\"evidence\": {\"$(head -c 61440 /dev/zero | tr '\0' a)\": true}}"
expect long-key 1 'unknown finding `a+\.\.\. \(61440 bytes\)`' -- "$fossa" assess -
check_true "long key: no suggestion, a short message" test "$(wc -c <"$tmp/err")" -lt 400
input=$(printf '\xef\xbb\xbf{"id":"bom","evidence":{"age":30}}')
expect bom 0 '"id":"bom"' -- "$fossa" assess -
input=$(printf '\xef\xbb\xbf{"id":"bom","evidence":{"age":30}}\n{"id":"x","evidence":{"age":31}}')
expect bom-batch 0 '"id":"x"' -- "$fossa" assess --batch -
check_true "bom batch: two assessments" test "$(grep -c '"disposition"' "$tmp/out")" -eq 2
input=''
expect assess-dir 1 'cannot read the case file: it is a directory' -- "$fossa" assess --batch "$tests"
expect assess-dir-single 1 'it is a directory' -- "$fossa" assess "$tests"
expect eval-dir 1 'cannot read the case file: it is a directory' -- "$fossa" eval "$tests"
expect parse-dir 1 'it is a directory' -- "$fossa" parse --batch "$tests"
# A 50 MB case is refused after reading little more than the limit, in bounded memory.
head -c 52428800 /dev/zero | tr '\0' ' ' >"$tmp/huge.json"
# Bounded: at most 30 MB more than a one-line case (the same binary, so a sanitizer's shadow
# memory counts on both sides).
printf '{"evidence":{"age":30}}' >"$tmp/small.json"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$tmp/rss-small" "$fossa" assess "$tmp/small.json" >/dev/null 2>&1
  /usr/bin/time -f '%M' -o "$tmp/rss" timeout 20 "$fossa" assess "$tmp/huge.json" >"$tmp/out" 2>"$tmp/err"
  code=$?
else
  timeout 20 "$fossa" assess "$tmp/huge.json" >"$tmp/out" 2>"$tmp/err"
  code=$?
  echo 0 >"$tmp/rss"
  echo 0 >"$tmp/rss-small"
fi
check_true "huge case refused" test "$code" -eq 1
check_true "... with a clear error" grep -q 'over 1048576 bytes' "$tmp/err"
check_true "... in bounded memory (at most 30 MB above a small case)" \
  test "$(tail -1 "$tmp/rss" 2>/dev/null || echo 0)" -le "$(($(tail -1 "$tmp/rss-small" 2>/dev/null || echo 0) + 30000))"
printf '%s\n' '{"id":"big","evidence":{}}' >"$tmp/batch.jsonl"
head -c 3000000 /dev/zero | tr '\0' ' ' >>"$tmp/batch.jsonl"
printf '\n%s\n' '{"id":"after","evidence":{"age":30}}' >>"$tmp/batch.jsonl"
timeout 20 "$fossa" assess --batch "$tmp/batch.jsonl" >"$tmp/out" 2>"$tmp/err"
check_true "batch: a line over the limit is one error line" test "$(wc -l <"$tmp/out")" -eq 3
check_true "... and the lines after it are read" grep -q '"id":"after"' "$tmp/out"
# An unreadable knowledge base file: one error naming it and why. Root reads anything, so as root
# the command runs as nobody (setpriv), when it can.
as_user=()
[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  cp -r "$tests/../knowledge" "$tmp/kb"
  chmod -R a+rX "$tmp"
  chmod 000 "$tmp/kb/knowledge_base.yaml"
  input='{"evidence": {}}'
  expect kb-unreadable 1 'knowledge_base.yaml: cannot read a knowledge base file: permission denied' -- "${as_user[@]}" "$fossa" --kb "$tmp/kb" assess -
  check_true "kb unreadable: one error" test "$(wc -l <"$tmp/err")" -eq 1
fi

# The evaluation gate: the development cases give no unsafe triage.
input=''
expect eval-json 0 '"unsafe":0' -- "$fossa" eval "$tests/cases/dev.jsonl" --json
expect eval-bad-file 1 'no such file or directory' -- "$fossa" eval /nonexistent.jsonl

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
