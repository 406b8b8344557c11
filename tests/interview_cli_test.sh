#!/usr/bin/env bash
# `fossa interview` end to end, with answers piped in: it reaches a disposition, takes words as well
# as numbers, explains a question on `?`, goes back on `b`, re-asks on an answer it cannot read, and
# at the end of input says the interview was not finished and exits 3. Usage: interview_cli_test.sh FOSSA
set -uo pipefail
fossa=$1
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME STATUS PATTERN ANSWERS [ARGS...]: pipes ANSWERS (printf format) into `fossa interview
# ARGS`; passes when it exits with STATUS within 10 s and the output matches the extended regex PATTERN.
expect() {
  local name=$1 status=$2 pattern=$3 answers=$4
  shift 4
  printf "$answers" | timeout 10 "$fossa" interview "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$status" ] && grep -qE -- "$pattern" "$tmp/out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $got (expected $status), output:"; tail -c 1500 "$tmp/out"; head -c 500 "$tmp/err"; echo
  fi
}

# The emergency checklist comes first: breathless is an ambulance after one question.
expect breathless 0 'WHAT TO DO: Call an ambulance' 'yes\nyes\n'
# An injury with numbness: checklist no, injury yes, weight-bearing no, then numbness yes.
expect injury-numbness 0 'WHAT TO DO: Go to an emergency department' 'no\nyes\nno\nyes\nno\nno\nno\nyes\nno\n'
# Words and numbers mean the same: y, 2 (no), "none", the start of an option's text.
expect words 0 'WHAT TO DO: Go to an emergency department' 'none\ny\n2\nyes, at\nn\n2\nn\ny\nno\n'
# The end of input in the middle of a group keeps the items answered: breathless, then no more input.
expect end-in-group 0 'WHAT TO DO: Call an ambulance' 'y\ny\n'
# The end of input before the interview is done: said plainly, with the warning signs not checked,
# and exit status 3; never a result presented as complete.
expect end-of-input 3 'THE INTERVIEW WAS NOT FINISHED.*' 'no\nno\n'
grep -q 'These warning signs were not checked' "$tmp/out" && grep -q 'leg or knee changed\|swollen' "$tmp/out" &&
  passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL end-of-input: the unchecked warning signs are not listed"; }
expect empty-input 3 'THE INTERVIEW WAS NOT FINISHED' ''
# "Don't know" to everything ends with advice, never a crash or a hang.
expect all-dont-know 0 'WHAT TO DO:' "$(printf "don't know\\\\n%.0s" $(seq 40))"
# `?` explains why a question is asked; `b` goes back to the previous question.
expect why 3 'We ask to check first for the warning signs' '?\n'
expect back 3 'Did the pain start with an injury' 'no\nb\nno\n'
lines=$(grep -c 'Since the pain started, have you had any of these' "$tmp/out")
if [ "$lines" -ge 2 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL back: checklist asked $lines time(s)"; fi
# An answer it cannot read is asked again.
expect unreadable 3 'Please answer yes, at least one, no, none of them or don.t know' 'maybe\n'
expect out-of-range 3 'Please answer with a number from 0 to 120' 'no\nno\nno\nno\nno\nno\nno\n'
# The clinician setting words the questions for a clinician.
expect clinician 3 'Emergency warning signs\?' '' --setting clinician
printf '' | timeout 10 "$fossa" interview --setting vet >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q 'setting' "$tmp/err"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL bad-setting"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
