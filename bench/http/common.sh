# Shared by the HTTP benchmark scripts (sourced, not run).

# A loopback port nobody listens on.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo "no free port found" >&2
  exit 1
}
