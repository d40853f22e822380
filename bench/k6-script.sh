#!/usr/bin/env bash
# A k6 script on Stampede against nginx on loopback, by the method in docs/benchmarks.md: `http.get` + `check` +
# `sleep(0)` at 50 VUs for 10 s (generator CPU µs per request, beside wrk and beside the same load as a
# `--url` test, so the JavaScript's share shows), and 1,000 VUs that each make a request and `sleep(1)` for 20 s
# (peak RSS). Targets: at most half of k6's CPU per request (k6 0.48: 53.6 µs, so ≤ 27 µs) and of its memory
# for 1,000 idle VUs (k6: ~250 MB, so ≤ 125 MB).
#   bench/k6-script.sh [--rounds N] [--seconds S] [--vus N] [--idle-vus N] [--idle-seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3; seconds=10; vus=50; idle_vus=1000; idle_seconds=20
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    --vus) vus=$2; shift 2;;
    --idle-vus) idle_vus=$2; shift 2;;
    --idle-seconds) idle_seconds=$2; shift 2;;
    *) echo "usage: $0 [--rounds N] [--seconds S] [--vus N] [--idle-vus N] [--idle-seconds S]" >&2; exit 2;;
  esac
done
source bench/lib.sh
bench_install nginx-light:nginx wrk:wrk time:/usr/bin/time python3:python3
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
bench_build_stampede
bench_start_nginx
url=$(bench_url ok)

results=$(mktemp -d)
cat >"$results/busy.js" <<'JS'
import http from 'k6/http';
import { check, sleep } from 'k6';

export const options = { vus: Number(__ENV.VUS), duration: __ENV.DURATION };

export default function () {
  const res = http.get(__ENV.URL);
  check(res, { 'status is 200': (r) => r.status === 200 });
  sleep(0);
}
JS
cat >"$results/idle.js" <<'JS'
import http from 'k6/http';
import { sleep } from 'k6';

export const options = { vus: Number(__ENV.VUS), duration: __ENV.DURATION };

export default function () {
  http.get(__ENV.URL);
  sleep(1);
}
JS

for round in $(seq 1 "$rounds"); do
  bench_measure "$results/wrk.$round" wrk -t1 -c"$vus" -d"${seconds}s" --latency "$url"
  bench_measure "$results/url.$round" $STAMPEDE run --url "$url" --vus "$vus" --duration "${seconds}s" \
    --quiet --no-summary --no-history --out "json=$results/url.$round.json"
  bench_measure "$results/script.$round" $STAMPEDE run "$results/busy.js" -e "URL=$url" -e "VUS=$vus" -e "DURATION=${seconds}s" \
    --quiet --no-summary --no-history --out "json=$results/script.$round.json"
  echo "round $round done" >&2
done
bench_measure "$results/idle" $STAMPEDE run "$results/idle.js" -e "URL=$url" -e "VUS=$idle_vus" -e "DURATION=${idle_seconds}s" \
  --quiet --no-summary --no-history --out "json=$results/idle.json"
echo "idle done" >&2

python3 - "$results" "$rounds" "$vus" "$idle_vus" "$seconds" <<'PY'
import json, re, statistics, sys
results, rounds, vus, idle_vus, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])

def usage(log):
    t = open(log + ".time").read()
    cpu = sum(float(re.search(p + r" \(seconds\): ([\d.]+)", t).group(1)) for p in ("User time", "System time"))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    return cpu, rss

def requests(log, tool):
    if tool == "wrk":
        return int(re.search(r"(\d+) requests in", open(log + ".out").read()).group(1))
    metrics = {m["name"]: m for m in json.load(open(log + ".json"))["metrics"]}
    return metrics["http_reqs"]["values"]["count"]

print(f"| {vus} VUs, no think time | req/s (median) | peak RSS MB | generator CPU µs/request (median) |")
print("|---|---|---|---|")
for tool, label in (("wrk", "wrk"), ("url", "stampede --url"), ("script", "stampede k6 script")):
    rows = []
    for r in range(1, rounds + 1):
        log = f"{results}/{tool}.{r}"
        cpu, rss = usage(log)
        n = requests(log, tool)
        rows.append((n, rss, cpu / n * 1e6))
    print(f"| {label} | {statistics.median(n for n, _, _ in rows) / seconds:,.0f} | {statistics.median(r for _, r, _ in rows):.1f} | {statistics.median(c for _, _, c in rows):.1f} |")

cpu, rss = usage(f"{results}/idle")
n = requests(f"{results}/idle", "script")
print()
print(f"| {idle_vus} VUs, sleep(1) | peak RSS MB | requests | generator CPU s |")
print("|---|---|---|---|")
print(f"| stampede k6 script | {rss:.1f} | {n:,.0f} | {cpu:.1f} |")
PY
rm -rf "$results"
