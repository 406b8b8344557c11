#!/usr/bin/env bash
# A bounded soak of `fossa serve`: wrk POSTs a case to /v1/assess for SOAK_SECONDS while slow
# clients dribble headers (slowloris) and hostile clients POST 60 KB unknown finding ids; a probe
# times GET /v1/health from a fresh connection every 0.2 s. Reports the server's RSS before and
# after, wrk's throughput and errors, and the probe's latency (median, p99, max). Never run by
# `make test`: it is a measurement, bounded in time, with loopback only.
# Usage: bench/http/soak.sh [FOSSA_BINARY]   (make soak)
# Environment: SOAK_SECONDS (30), SOAK_CONNECTIONS (64, wrk), SOAK_SLOW (200 slow clients),
# SOAK_HOSTILE (2 clients sending 60 KB keys), SOAK_THREADS (server threads, 1).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fossa=${1:-$root/build/fossa}
seconds=${SOAK_SECONDS:-30}
connections=${SOAK_CONNECTIONS:-64}
slow=${SOAK_SLOW:-200}
hostile=${SOAK_HOSTILE:-2}
threads=${SOAK_THREADS:-1}
case_file=$root/bench/http/case.json

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh bench-http" >&2; exit 1; }
done
[ -x "$fossa" ] || { echo "no fossa binary at $fossa (build first)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

. "$root/bench/http/common.sh"
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

port=$(free_port)
"$fossa" serve --host 127.0.0.1 --port "$port" --threads "$threads" --quiet 2>"$work/fossa.log" &
server=$!
pids+=("$server")
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/v1/health" && break; sleep 0.05; done
url=http://127.0.0.1:$port
# Warm up, then the baseline RSS.
wrk -t1 -c"$connections" -d2s -s "$root/bench/http/post.lua" "$url/v1/assess" -- "$case_file" >/dev/null
rss_before=$(rss_kb "$server")
end=$(($(date +%s) + seconds))

# Slow clients: each opens a connection and sends one header line a second, reconnecting when
# the server closes it (after its read timeout). Bash builtins only (no process per step), so a
# few hundred of them cost the machine little.
now() { printf '%(%s)T' -1; }
slow_client() {
  trap "" PIPE  # a write to a connection the server closed fails; it does not end the client
  local line
  while [ "$(now)" -lt "$end" ]; do
    exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || { sleep 1; continue; }
    printf 'POST /v1/assess HTTP/1.1\r\nHost: x\r\n' >&3 2>/dev/null || true
    # Waits a second (or until the server answers or closes), then one more header line.
    while [ "$(now)" -lt "$end" ]; do
      if read -r -t 1 -u 3 line; then break; fi  # the server answered or closed: reconnect
      [ $? -gt 128 ] || break                      # not a timeout: closed
      printf 'X-Slow: 1\r\n' >&3 2>/dev/null || break
    done
    exec 3>&-
  done
}
for _ in $(seq 1 "$slow"); do
  slow_client &
  pids+=($!)
done

# Hostile clients: a 60 KB unknown finding id, as fast as they can.
printf '{"evidence": {"%s": true}}' "$(head -c 61440 /dev/zero | tr '\0' a)" >"$work/hostile.json"
for _ in $(seq 1 "$hostile"); do
  (while [ "$(now)" -lt "$end" ]; do
    curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/hostile.json" "$url/v1/assess" || true
  done) &
  pids+=($!)
done

# The probe: a new connection each time, as a person's first request would be.
(while [ "$(now)" -lt "$end" ]; do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$url/v1/health" || echo "000 0"
  sleep 0.2
done) >"$work/probe.txt" &
probe=$!
pids+=("$probe")

wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$root/bench/http/post.lua" "$url/v1/assess" -- "$case_file" >"$work/wrk.txt"
wait "$probe" 2>/dev/null || true
sleep 1
rss_after=$(rss_kb "$server")

echo "== soak: ${seconds}s, wrk $connections connections POST /v1/assess, $slow slow clients, $hostile clients sending 60 KB keys, $threads server thread(s)"
echo "machine: $(nproc) CPUs; $("$fossa" --version | head -1); $(wrk -v 2>&1 | head -1)"
awk '/Requests\/sec|requests in|Non-2xx|Socket errors/' "$work/wrk.txt"
awk '$1 == "50%" || $1 == "99%" {print "wrk latency " $1 " " $2}' "$work/wrk.txt"
sort -k2 -g "$work/probe.txt" | awk '
  { status[NR] = $1; t[NR] = $2; if ($1 != "200") bad++ }
  END {
    if (NR == 0) { print "probe: no answers"; exit }
    p99 = int(NR * 0.99); if (p99 < 1) p99 = 1
    printf "probe GET /v1/health (new connection each): %d probes, %d not 200, median %.2f ms, p99 %.2f ms, max %.2f ms\n",
      NR, bad, t[int((NR + 1) / 2)] * 1000, t[p99] * 1000, t[NR] * 1000
  }'
echo "server RSS: before $rss_before KB, after $rss_after KB ($(awk -v a="$rss_before" -v b="$rss_after" 'BEGIN {printf "%+.1f%%", (b - a) * 100 / a}'))"
kill -0 "$server" 2>/dev/null && echo "server: still running" || echo "server: DIED"
