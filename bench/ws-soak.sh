#!/usr/bin/env bash
# WebSocket soak: VUS (default 1000) virtual users streaming chat over WebSocket for DURATION (default 60s) against a
# demo target on loopback, started here on a free port. Reports the load generator's CPU time and peak RSS.
# Bounded: one run, fixed duration, 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export VUS=${VUS:-1000} DURATION=${DURATION:-60s}

[ -n "${STAMPEDE_DLL:-}" ] || bench_build_stampede
dotnet build bench/ws-soak/ws-soak.cs -c Release -nologo -v q >&2

target_log=$(mktemp)
dotnet "$STAMPEDE_DLL" target --port 0 --max-concurrency 4096 >"$target_log" 2>&1 &
target_pid=$!
trap 'kill "$target_pid" 2>/dev/null; rm -f "$target_log"' EXIT
for _ in $(seq 100); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$target_log" | head -n1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "demo target did not start" >&2; cat "$target_log" >&2; exit 1; }
echo "demo target at $url; $VUS VUs for $DURATION" >&2

time_log=$(mktemp)
BASE_URL=$url /usr/bin/time -v -o "$time_log" dotnet run --no-build -c Release bench/ws-soak/ws-soak.cs -- --quiet 2>&1 | tail -n 40 || true
cpu_user=$(awk -F': ' '/User time/ {print $2}' "$time_log")
cpu_sys=$(awk -F': ' '/System time/ {print $2}' "$time_log")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$time_log")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$time_log")
rm -f "$time_log"
echo "stampede: user ${cpu_user}s + sys ${cpu_sys}s CPU over ${wall} wall, peak RSS $((rss_kb / 1024)) MB" 
