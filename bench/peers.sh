#!/usr/bin/env bash
# Stampede beside wrk, ab and h2load against nginx on loopback, by the method in docs/benchmarks.md:
# nginx pinned to CPU 1, the generator to CPU 0, 10 s runs, 50 keep-alive connections ("throughput") and
# 1 connection ("latency"), three interleaved rounds, medians. Prints one table: requests/s, p50, p99, the
# generator's peak RSS and generator CPU microseconds per request.
#   bench/peers.sh [--rounds N] [--seconds S] [--target ok|json1k]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3; seconds=10; target=ok
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    --target) target=$2; shift 2;;
    *) echo "usage: $0 [--rounds N] [--seconds S] [--target ok|json1k]" >&2; exit 2;;
  esac
done
source bench/lib.sh
bench_install nginx-light:nginx wrk:wrk apache2-utils:ab nghttp2-client:h2load time:/usr/bin/time python3:python3
bench_build_stampede
bench_start_nginx
url=$(bench_url "$target")

results=$(mktemp -d)
for round in $(seq 1 "$rounds"); do
  for mode in throughput latency; do
    conns=50; [ "$mode" = latency ] && conns=1
    for tool in wrk ab h2load stampede; do
      log="$results/$tool.$mode.$round"
      case $tool in
        wrk) bench_measure "$log" wrk -t1 -c"$conns" -d"${seconds}s" --latency "$url" ;;
        ab) bench_measure "$log" ab -q -k -c "$conns" -t "$seconds" -n 100000000 "$url" ;;
        h2load) bench_measure "$log" h2load --h1 -c "$conns" -t 1 -D "$seconds" "$url" ;;
        stampede) bench_measure "$log" $STAMPEDE run --url "$url" --vus "$conns" --duration "${seconds}s" \
                    --quiet --no-summary --out "json=$log.json" ;;
      esac
      echo "round $round $mode $tool done" >&2
    done
  done
done
python3 bench/peers_table.py "$results" "$rounds"
rm -rf "$results"
