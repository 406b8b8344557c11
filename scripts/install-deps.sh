#!/usr/bin/env bash
# Installs the Debian 12 packages Fossa needs to build, test and benchmark. Idempotent: does
# nothing when every package is already installed.
# Usage: scripts/install-deps.sh [build|test|bench|e2e|bench-http]
set -euo pipefail

build_packages=(g++ cmake make pkg-config libboost1.81-dev libboost-json1.81-dev libyaml-cpp-dev
                libcli11-dev libspdlog-dev libsimdjson-dev libssl-dev)
test_packages=(libgtest-dev libgmock-dev libbenchmark-dev jq)
bench_packages=(hyperfine valgrind bc)
# The web page end to end: Debian's Chromium driven by playwright-core (npm ci); Node.js and npm
# only when missing, so a Node.js from elsewhere (with its own npm) is left alone.
e2e_packages=(chromium)
command -v node >/dev/null || e2e_packages+=(nodejs)
command -v npm >/dev/null || e2e_packages+=(npm)
# The HTTP benchmark: wrk against fossa serve and nginx on loopback.
bench_http_packages=(wrk nginx-light)

case "${1:-build}" in
  build) wanted=("${build_packages[@]}") ;;
  test) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
  bench) wanted=("${build_packages[@]}" "${test_packages[@]}" "${bench_packages[@]}") ;;
  e2e) wanted=("${e2e_packages[@]}") ;;
  bench-http) wanted=("${bench_http_packages[@]}") ;;
  *) echo "usage: $0 [build|test|bench|e2e|bench-http]" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
