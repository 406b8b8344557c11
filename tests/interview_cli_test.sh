#!/usr/bin/env bash
# `fossa interview` end to end, with answers piped in: it reaches a disposition, explains a question
# on `?`, goes back on `b`, re-asks on an answer it cannot read, and prints the assessment so far at
# the end of input. Usage: interview_cli_test.sh FOSSA
set -uo pipefail
fossa=$1
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME PATTERN ANSWERS [ARGS...]: pipes ANSWERS (printf format) into `fossa interview ARGS`;
# passes when it exits 0 within 10 s and the output matches the extended regex PATTERN.
expect() {
  local name=$1 pattern=$2 answers=$3
  shift 3
  printf "$answers" | timeout 10 "$fossa" interview "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq 0 ] && grep -qE -- "$pattern" "$tmp/out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $got, output:"; tail -c 1500 "$tmp/out"; head -c 500 "$tmp/err"; echo
  fi
}

# An injury with numbness: the nerve-injury red flag ends the interview with an emergency.
expect injury-numbness 'WHAT TO DO: Go to an emergency department' '34\n1\n1\n1\n1\n1\n'
# A swollen calf with sudden breathlessness: an ambulance.
expect clot-to-lungs 'WHAT TO DO: Call an ambulance' '58\n1\n2\n1\n1\n2\n2\n2\n2\n1\n1\n2\n2\n'
# The end of input in the middle of a group keeps the items answered: breathless, then no more input.
expect end-in-group 'WHAT TO DO: Call an ambulance' '58\n1\n2\n1\n1\n2\n2\n2\n2\n1\n1\n'
# "Don't know" to everything still ends with advice, never a crash or a hang.
expect all-dont-know 'WHAT TO DO:' '40\n2\nd\nd\nd\nd\nd\nd\nd\nd\nd\nd\nd\nd\nd\nd\nd\n'
# The end of input ends the interview with the assessment so far.
expect end-of-input 'WHAT TO DO:' '34\n'
expect empty-input 'WHAT TO DO:' ''
# `?` explains why a question is asked; `b` goes back to the previous question.
expect why 'We ask to check which causes are more likely at your age' '?\n34\n'
expect back 'How old are you\?.*' '34\nb\n35\n'
lines=$(grep -c 'How old are you' "$tmp/out")
if [ "$lines" -ge 2 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL back: age asked $lines time(s)"; fi
# An answer it cannot read is asked again.
expect unreadable 'Please answer with a number from 0 to 120' 'old\n34\n'
expect out-of-range 'Please answer with a number from 1 to 3' '34\n7\n1\n'
# The clinician setting words the questions for a clinician.
expect clinician 'Age \(years\)' '' --setting clinician
printf '' | timeout 10 "$fossa" interview --setting vet >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q 'setting' "$tmp/err"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL bad-setting"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
