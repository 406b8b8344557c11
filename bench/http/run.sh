#!/usr/bin/env bash
# fossa serve against nginx, in one run, on loopback: wrk POSTs a realistic case to /v1/assess, and
# GETs from nginx (Debian nginx-light) a static file of exactly the same bytes as the assessment it
# returns. Reports requests per second, the ratio to nginx, p50/p99 latency at 64 connections, and
# each server's CPU time per request (from /proc). Bounded: BENCH_SECONDS per run (default 10).
# Usage: bench/http/run.sh [FOSSA_BINARY]   (make bench-http)
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_THREADS (server threads and nginx
# workers, 1), BENCH_PIN (1: server on CPU 0, wrk on CPU 1, when there are two CPUs or more),
# BENCH_CALLGRIND (0; 1 also counts user-space instructions per request of each server under
# valgrind's callgrind: slower, but the same whatever else the machine is doing).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fossa=${1:-$root/build/fossa}
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-1}
pin=${BENCH_PIN:-1}
case_file=$root/bench/http/case.json

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh bench-http" >&2; exit 1; }
done
[ -x "$fossa" ] || { echo "no fossa binary at $fossa (build first)" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

server_cpu="" client_cpu=""
if [ "$pin" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  server_cpu="taskset -c 0"
  client_cpu="taskset -c 1"
fi

. "$root/bench/http/common.sh"

wait_for() {  # URL
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.05
  done
  echo "nothing answers at $1" >&2
  exit 1
}

# CPU time (user + system) of a process and its threads, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run_wrk NAME PID URL [POST_BODY_FILE]: one warm-up second, then the measured run.
results=()
run_wrk() {
  local name=$1 pid=$2 url=$3
  local post=()
  [ $# -ge 4 ] && post=(-s "$root/bench/http/post.lua" "$url" -- "$4") || post=("$url")
  $client_cpu wrk -t1 -c"$connections" -d1s "${post[@]}" >/dev/null
  local before after out="$work/run-${#results[@]}.txt"
  before=$(cpu_ticks "$pid")
  $client_cpu wrk -t1 -c"$connections" -d"${seconds}s" --latency "${post[@]}" > "$out"
  after=$(cpu_ticks "$pid")
  local rps p50 p99 requests errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  requests=$(awk '/requests in/ {print $1}' "$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$out" | tr '\n' ' ')
  local ticks_per_second cpu_us
  ticks_per_second=$(getconf CLK_TCK)
  cpu_us=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
  printf '%-28s %12s req/s   p50 %9s   p99 %9s   server CPU %7s us/request %s\n' "$name" "$rps" "$p50" "$p99" "$cpu_us" "$errors"
  results+=("$name $rps $p99 $cpu_us")
}

echo "== fossa serve vs nginx: loopback, ${seconds}s per run, $connections connections, $threads server thread(s)${server_cpu:+, server pinned to CPU 0 and wrk to CPU 1}"
echo "machine: $(nproc) CPUs, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//'); $("$fossa" --version | head -1); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -1)"

# fossa, quiet (no access log, like nginx with access_log off).
fossa_port=$(free_port)
$server_cpu "$fossa" serve --host 127.0.0.1 --port "$fossa_port" --threads "$threads" --quiet 2>"$work/fossa.log" &
fossa_pid=$!
pids+=("$fossa_pid")
wait_for "http://127.0.0.1:$fossa_port/v1/health"
curl -sf -H 'Content-Type: application/json' --data-binary @"$case_file" "http://127.0.0.1:$fossa_port/v1/assess" > "$work/assessment.json"
size=$(wc -c < "$work/assessment.json")
echo "request: $(wc -c < "$case_file") bytes ($case_file); response: $size bytes, $(grep -o '"level":"[a-z_]*"' "$work/assessment.json" | head -1)"

# nginx: the same bytes as a static file.
mkdir -p "$work/www" "$work/nginx"
cp "$work/assessment.json" "$work/www/assessment.json"
nginx_port=$(free_port)
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes $threads;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  client_body_temp_path $work/nginx/body;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { default_type application/json; }
  }
}
CONF
$server_cpu nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>"$work/nginx/stderr" &
nginx_master=$!
pids+=("$nginx_master")
wait_for "http://127.0.0.1:$nginx_port/assessment.json"
nginx_worker=$(pgrep -P "$nginx_master" | head -1)

run_wrk "fossa POST /v1/assess" "$fossa_pid" "http://127.0.0.1:$fossa_port/v1/assess" "$case_file"
run_wrk "nginx GET static (same size)" "$nginx_worker" "http://127.0.0.1:$nginx_port/assessment.json"
run_wrk "fossa GET /v1/health" "$fossa_pid" "http://127.0.0.1:$fossa_port/v1/health"

kill "$fossa_pid"
wait "$fossa_pid" 2>/dev/null || true
# fossa again with its access log on (to a file), to show what one log line per request costs.
$server_cpu "$fossa" serve --host 127.0.0.1 --port "$fossa_port" --threads "$threads" 2>"$work/access.log" &
fossa_pid=$!
pids+=("$fossa_pid")
wait_for "http://127.0.0.1:$fossa_port/v1/health"
run_wrk "fossa POST, access log on" "$fossa_pid" "http://127.0.0.1:$fossa_port/v1/assess" "$case_file"

if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
  command -v valgrind >/dev/null || { echo "BENCH_CALLGRIND=1 needs valgrind" >&2; exit 1; }
  echo
  echo "== instructions per request (callgrind, user space only, after a warm-up; 8 connections, 5 s)"
  # count NAME PID URL [POST_BODY_FILE]: zero the counters, load, dump, divide.
  count() {
    local name=$1 pid=$2 url=$3 post=("$3")
    [ $# -ge 4 ] && post=(-s "$root/bench/http/post.lua" "$url" -- "$4")
    wrk -t1 -c8 -d2s "${post[@]}" >/dev/null
    callgrind_control -z "$pid" >/dev/null 2>&1
    local requests
    requests=$(wrk -t1 -c8 -d5s "${post[@]}" | awk '/requests in/ {print $1}')
    callgrind_control -d "$pid" >/dev/null 2>&1
    sleep 0.5
    local total
    total=$(cat "$work"/cg.*.* 2>/dev/null | awk '/^summary:/ {sum += $2} END {print sum}')
    rm -f "$work"/cg.*.*
    printf '%-28s %10.0f instructions/request (%s requests)\n' "$name" "$(awk -v t="$total" -v n="$requests" 'BEGIN {print t / n}')" "$requests"
  }
  kill "$fossa_pid" 2>/dev/null; wait "$fossa_pid" 2>/dev/null || true
  kill "$nginx_master" 2>/dev/null; wait "$nginx_master" 2>/dev/null || true
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" "$fossa" serve --host 127.0.0.1 --port "$fossa_port" --threads 1 --quiet 2>/dev/null &
  fossa_pid=$!
  pids+=("$fossa_pid")
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$fossa_port/v1/health" && break; sleep 0.1; done
  count "fossa POST /v1/assess" "$fossa_pid" "http://127.0.0.1:$fossa_port/v1/assess" "$case_file"
  count "fossa GET /v1/health" "$fossa_pid" "http://127.0.0.1:$fossa_port/v1/health"
  kill "$fossa_pid"; wait "$fossa_pid" 2>/dev/null || true
  rm -f "$work"/cg.*
  sed -i 's/^worker_processes .*/worker_processes 1; master_process off;/' "$work/nginx/nginx.conf"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>/dev/null &
  nginx_master=$!
  pids+=("$nginx_master")
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/assessment.json" && break; sleep 0.1; done
  count "nginx GET static (same size)" "$nginx_master" "http://127.0.0.1:$nginx_port/assessment.json"
fi

echo
awk -v a="${results[0]}" -v b="${results[1]}" 'BEGIN {
  split(a, x, " "); split(b, y, " ");
  # fields: name words..., rps, p99, cpu: take the last three
  nx = split(a, x, " "); ny = split(b, y, " ");
  printf "ratio fossa POST /v1/assess : nginx static = %.2f (throughput), server CPU per request %s us vs %s us\n", x[nx-2] / y[ny-2], x[nx], y[ny];
}'
