#!/usr/bin/env bash
# `fossa serve` as a process: it starts on a free port and says which, answers, keeps personal data
# out of its log, refuses a port in use, and exits 0 on SIGTERM. (The listener itself is tested in
# server_socket_test.cpp, the page in tests/e2e.) Usage: serve_test.sh FOSSA
set -uo pipefail
fossa=$1
passed=0
failed=0
tmp=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT

check() {  # NAME CONDITION...
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}

# http METHOD PATH [BODY]: prints the status line and body of one request (bash's /dev/tcp, no curl).
http() {
  local body=${3:-}
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
    "$1" "$2" "${#body}" "$body" >&3
  timeout 5 cat <&3
  exec 3<&-
}

"$fossa" serve --host 127.0.0.1 --port 0 --threads 1 2>"$tmp/log" &
server=$!
for _ in $(seq 1 100); do
  grep -q 'listening on' "$tmp/log" && break
  sleep 0.05
done
port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$tmp/log" | grep -o '[0-9]*$')
check "prints the port it listens on" test -n "$port"

check "health" grep -q '^HTTP/1.1 200' <(http GET /v1/health)
case='{"id": "alice-smith-1970", "setting": "patient", "evidence": {"age": 58, "calf_swelling": true}, "text": "Alice Smith, my calf"}'
reply=$(http POST /v1/assess "$case")
check "assess answers" grep -q '"level":"same_day"' <<<"$reply"
check "bad JSON is a 400 problem" grep -q 'application/problem+json' <(http POST /v1/assess '{"evidence": {')
http GET "/patients/alice-smith?name=Alice" >/dev/null
sleep 0.2
check "one log line per request" test "$(grep -c 'method=' "$tmp/log")" -eq 4
check "the log holds no personal data" bash -c "! grep -qiE 'alice|smith|calf_swelling|patients|name=' '$tmp/log'"
check "the log names route, status, latency and disposition" \
  grep -qE 'method=POST path=/v1/assess status=200 latency_ms=[0-9.]+ disposition=same_day' "$tmp/log"

check "without --cds-jwks it says unsigned CDS Hooks calls are for testing only" \
  grep -q 'unsigned CDS Hooks calls are accepted, for testing only' "$tmp/log"
echo '{"issuers": []}' >"$tmp/trust.json"
timeout 10 "$fossa" serve --host 127.0.0.1 --port 0 --cds-jwks "$tmp/trust.json" 2>"$tmp/trust.log" >/dev/null
check "a bad --cds-jwks trust list stops it with exit 1" test $? -eq 1
check "... and a reason" grep -q 'the trust list needs `issuers`' "$tmp/trust.log"

timeout 10 "$fossa" serve --host 127.0.0.1 --port "$port" 2>"$tmp/second" >/dev/null
check "a port in use is refused with exit 1" test $? -eq 1
check "... and a reason" grep -q 'cannot listen' "$tmp/second"

kill -TERM "$server"
timeout 15 tail --pid="$server" -f /dev/null
wait "$server"
code=$?
server=""
check "SIGTERM stops it with exit 0" test "$code" -eq 0
check "... gracefully" grep -q 'stopping' "$tmp/log"

echo "serve: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
