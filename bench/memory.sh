#!/usr/bin/env bash
# Peak RSS of the generator with many sleeping VUs against nginx on loopback: 1,000 and 10,000 VUs, one
# request then --think 1s each, 20 s. Targets: under 60 MB for 1,000 and under 400 MB for 10,000.
#   bench/memory.sh [--seconds S] [--vus "1000 10000"]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=20; counts="1000 10000"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2;;
    --vus) counts=$2; shift 2;;
    *) echo "usage: $0 [--seconds S] [--vus \"N1 N2\"]" >&2; exit 2;;
  esac
done
source bench/lib.sh
bench_install nginx-light:nginx time:/usr/bin/time python3:python3
# 10,000 connections need as many descriptors on both ends (nginx.conf raises its own limit).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
bench_build_stampede
bench_start_nginx

results=$(mktemp -d)
for vus in $counts; do
  log="$results/memory.$vus"
  bench_measure "$log" $STAMPEDE run --url http://127.0.0.1:8080/ --vus "$vus" --think 1s \
    --duration "${seconds}s" --quiet --no-summary --out "json=$log.json"
  echo "vus $vus done" >&2
done
python3 - "$results" "$seconds" $counts <<'PY'
import json, re, sys
results, seconds, counts = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
print("| VUs | peak RSS MB | requests/s | failed requests | generator CPU % of a core |")
print("|---|---|---|---|---|")
for vus in counts:
    log = f"{results}/memory.{vus}"
    t = open(log + ".time").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    cpu = sum(float(re.search(p + r" \(seconds\): ([\d.]+)", t).group(1)) for p in ("User time", "System time"))
    metrics = {m["name"]: m for m in json.load(open(log + ".json"))["metrics"]}
    reqs = metrics["http_reqs"]["values"]["count"]
    failed = metrics.get("http_req_failed", {}).get("values", {})
    print(f"| {int(vus):,} | {rss:.0f} | {reqs / seconds:,.0f} | {failed.get('passes', failed.get('count', 0))} | {100 * cpu / seconds:.0f} |")
PY
rm -rf "$results"
