#!/usr/bin/env bash
# The seed WebSocket soak: --vus (default 1000) virtual users streaming chat over WebSocket for --seconds (default
# 300, five minutes) against a demo target on loopback started here on a free port, while a second scenario polls the
# target's /metrics every second. Reports the load generator's CPU (cores used), peak RSS, messages/s and harness lag.
# Bounded: one run, fixed duration, 127.0.0.1 only.
#   bench/ws-soak.sh                 # the seed scenario: 1,000 VUs, 5 minutes
#   bench/ws-soak.sh --seconds 60    # shorter
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
seconds=300 vus=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2;;
    --vus) vus=$2; shift 2;;
    *) echo "usage: $0 [--seconds N] [--vus N]" >&2; exit 2;;
  esac
done
export VUS=$vus DURATION=${seconds}s

[ -n "${STAMPEDE:-}" ] || bench_build_stampede
dotnet build bench/ws-soak/ws-soak.cs -c Release -nologo -v q >&2

target_log=$(mktemp) time_log=$(mktemp) summary=$(mktemp)
$STAMPEDE target --port 0 --max-concurrency 4096 >"$target_log" 2>&1 &
target_pid=$!
trap 'kill "$target_pid" 2>/dev/null; rm -f "$target_log" "$time_log" "$summary"' EXIT
for _ in $(seq 100); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$target_log" | head -n1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "demo target did not start" >&2; cat "$target_log" >&2; exit 1; }
echo "demo target at $url; $VUS VUs for $DURATION, /metrics polled every second" >&2

BASE_URL=$url /usr/bin/time -v -o "$time_log" dotnet run --no-build -c Release bench/ws-soak/ws-soak.cs -- --quiet >"$summary" 2>&1 || true
grep -E "✓|✗|checks_|ws_msgs_received|ws_coalesced|ws_time_to_first|ws_message_gap|ws_sessions|ws_errors|harness_|http_reqs|Warning|ran " "$summary" || tail -n 40 "$summary"
awk -F': ' '
  /User time/ {user=$2} /System time/ {sys=$2} /Maximum resident set size/ {rss=$2}
  /Elapsed \(wall clock\)/ {n=split($2, p, ":"); wall=(n==3 ? p[1]*3600+p[2]*60+p[3] : p[1]*60+p[2])}
  END {printf "stampede: user %.1fs + sys %.1fs CPU over %.1fs wall = %.2f cores, peak RSS %d MB\n", user, sys, wall, (user+sys)/wall, rss/1024}
' "$time_log"
