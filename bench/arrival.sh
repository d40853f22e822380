#!/usr/bin/env bash
# Arrival-rate accuracy against nginx on loopback: an open model at 5,000 and 20,000 iterations/s for 10 s with
# 200 pre-allocated VUs. Reports the achieved rate (http_reqs / scheduled seconds; goal: within 1% of the target)
# and the p99 of iteration_lateness (how late iterations started against their schedule; goal: under 1 ms).
#   bench/arrival.sh [--seconds S] [--rates "5000 20000"]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=10; rates="5000 20000"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2;;
    --rates) rates=$2; shift 2;;
    *) echo "usage: $0 [--seconds S] [--rates \"R1 R2\"]" >&2; exit 2;;
  esac
done
source bench/lib.sh
bench_install nginx-light:nginx time:/usr/bin/time python3:python3
bench_build_stampede
bench_start_nginx

results=$(mktemp -d)
for rate in $rates; do
  log="$results/arrival.$rate"
  bench_measure "$log" $STAMPEDE run --url http://127.0.0.1:8080/ --rate "$rate" --vus 200 \
    --duration "${seconds}s" --quiet --no-summary --out "json=$log.json"
  echo "rate $rate done" >&2
done
python3 - "$results" "$seconds" $rates <<'PY'
import json, re, sys
results, seconds, rates = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
print("| target/s | achieved/s | error | iteration_lateness p99 ms | dropped | generator CPU us/req |")
print("|---|---|---|---|---|---|")
for rate in rates:
    log = f"{results}/arrival.{rate}"
    metrics = {m["name"]: m for m in json.load(open(log + ".json"))["metrics"]}
    reqs = metrics["http_reqs"]["values"]["count"]
    late = metrics.get("iteration_lateness", {}).get("values", {})
    dropped = metrics.get("dropped_iterations", {}).get("values", {}).get("count", 0)
    t = open(log + ".time").read()
    cpu = sum(float(re.search(p + r" \(seconds\): ([\d.]+)", t).group(1)) for p in ("User time", "System time"))
    achieved = reqs / seconds
    print(f"| {rate} | {achieved:,.0f} | {100 * (achieved / float(rate) - 1):+.2f}% | {late.get('p99', float('nan')):.3f} | {dropped:,.0f} | {cpu * 1e6 / max(reqs, 1):.1f} |")
PY
rm -rf "$results"
