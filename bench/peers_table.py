"""Reads the logs bench/peers.sh wrote and prints medians per tool and mode as one Markdown table."""
import json, re, statistics, sys, pathlib

folder, rounds = pathlib.Path(sys.argv[1]), int(sys.argv[2])

def cpu_seconds(log):
    text = (log.parent / (log.name + ".time")).read_text()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return user + system, rss

def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

def parse(tool, log):
    out = (log.parent / (log.name + ".out")).read_text()
    if tool == "wrk":
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        total = int(re.search(r"(\d+) requests in", out).group(1))
        p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out); p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
        return rps, total, ms(*p50.groups()), ms(*p99.groups())
    if tool == "ab":
        rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
        total = int(re.search(r"Complete requests:\s+(\d+)", out).group(1))
        p50 = re.search(r"\s50%\s+(\d+)", out); p99 = re.search(r"\s99%\s+(\d+)", out)
        return rps, total, float(p50.group(1)), float(p99.group(1))   # ab prints whole milliseconds
    if tool == "h2load":
        rps = float(re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", out).group(1))
        total = int(re.search(r"requests: (\d+) total", out).group(1))
        return rps, total, None, None
    result = json.loads((log.parent / (log.name + ".json")).read_text())
    metric = {m["name"]: m for m in result["metrics"]}
    total = metric["http_reqs"]["values"]["count"]
    duration = metric["http_req_duration"]["values"]
    return total / result["meta"]["durationSeconds"], total, duration["med"], duration["p99"]

rows = []
for mode in ("throughput", "latency"):
    for tool in ("wrk", "ab", "h2load", "stampede"):
        samples = []
        for round in range(1, rounds + 1):
            log = folder / f"{tool}.{mode}.{round}"
            try:
                rps, total, p50, p99 = parse(tool, log)
                cpu, rss = cpu_seconds(log)
                samples.append((rps, p50, p99, rss, cpu * 1e6 / max(total, 1)))
            except (AttributeError, FileNotFoundError, KeyError, ValueError) as error:
                print(f"{tool} {mode} round {round}: could not read ({error})", file=sys.stderr)
        if not samples:
            continue
        med = lambda i: statistics.median([s[i] for s in samples if s[i] is not None]) if any(s[i] is not None for s in samples) else None
        rows.append((mode, tool, med(0), med(1), med(2), med(3), med(4)))

fmt = lambda v, f: "-" if v is None else format(v, f)
# Efficiency relative to wrk in the same run and mode (wrk's CPU per request / the tool's): machines differ in
# absolute CPU cost per request, the ratio between tools much less. The target for Stampede is at least 70%.
wrk_cpu = {mode: cpu for mode, tool, _, _, _, _, cpu in rows if tool == "wrk"}
print("| mode | tool | req/s | p50 ms | p99 ms | peak RSS MB | generator CPU µs/req | efficiency vs wrk |")
print("|---|---|---|---|---|---|---|---|")
for mode, tool, rps, p50, p99, rss, cpu in rows:
    efficiency = 100 * wrk_cpu[mode] / cpu if mode in wrk_cpu and cpu else None
    print(f"| {mode} | {tool} | {fmt(rps, ',.0f')} | {fmt(p50, '.3f')} | {fmt(p99, '.3f')} | {fmt(rss, '.1f')} | {fmt(cpu, '.1f')} | {fmt(efficiency, '.0f')}% |")
