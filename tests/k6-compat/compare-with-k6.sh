#!/usr/bin/env bash
# Runs the compatibility corpus through k6 and through Stampede against the demo target and compares their
# summary exports: the same metrics, the same check names with the same pass and fail counts, the same
# threshold verdicts, and request counts that agree. k6 is not installed on the project's build machines, so CI
# does not run this; run it where a `k6` binary is on the PATH:
#   tests/k6-compat/compare-with-k6.sh [script.js …]      (default: every corpus script that should pass)
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v k6 >/dev/null 2>&1; then
  echo "k6 is not on the PATH: nothing to compare (install k6 to run this)" >&2
  exit 0
fi

scripts=("$@")
if [ ${#scripts[@]} -eq 0 ]; then
  scripts=(tests/k6-compat/api-groups.js tests/k6-compat/http-params.js tests/k6-compat/handle-summary.js examples/k6/api-smoke.js)
fi

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
./stampede target --port "$port" >"$work/target.log" 2>&1 &
target=$!
trap 'kill $target 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"

status=0
for script in "${scripts[@]}"; do
  name=$(basename "$script" .js)
  mkdir -p "$work/k6/$name" "$work/stampede/$name"
  k6 run --quiet --summary-export "$work/$name.k6.json" -e "BASE_URL=$base" -e "OUT_DIR=$work/k6/$name" "$script" >/dev/null 2>"$work/$name.k6.err" || true
  ./stampede run "$script" --quiet --no-history --summary-export "$work/$name.stampede.json" -e "BASE_URL=$base" -e "OUT_DIR=$work/stampede/$name" >/dev/null 2>"$work/$name.stampede.err" || true
  if ! python3 - "$name" "$work/$name.k6.json" "$work/$name.stampede.json" <<'PY'
import json, sys
name, k6_file, st_file = sys.argv[1:]
k6, st = json.load(open(k6_file)), json.load(open(st_file))
problems = []

def checks(group, prefix=""):
    out = {}
    for check in group.get("checks", {}).values():
        out[prefix + check["name"]] = (check["passes"], check["fails"])
    for sub in group.get("groups", {}).values():
        out.update(checks(sub, prefix + sub["name"] + "::"))
    return out

k6_metrics, st_metrics = set(k6["metrics"]), set(st["metrics"])
for missing in sorted(k6_metrics - st_metrics):
    problems.append(f"metric {missing} is in k6's summary only")
for extra in sorted(st_metrics - k6_metrics):
    print(f"  note: metric {extra} is in Stampede's summary only")
if checks(k6["root_group"]) != checks(st["root_group"]):
    problems.append(f"checks differ: k6 {checks(k6['root_group'])} / stampede {checks(st['root_group'])}")
for metric, values in k6["metrics"].items():
    if metric in st["metrics"] and values.get("thresholds") != st["metrics"][metric].get("thresholds"):
        problems.append(f"thresholds of {metric} differ: k6 {values.get('thresholds')} / stampede {st['metrics'][metric].get('thresholds')}")
for counter in ("http_reqs", "iterations"):
    a, b = k6["metrics"].get(counter, {}).get("count"), st["metrics"].get(counter, {}).get("count")
    if a != b:
        problems.append(f"{counter}: k6 {a} / stampede {b}")
print(f"{name}: {'same' if not problems else 'DIFFERENT'}")
for problem in problems:
    print("  " + problem)
sys.exit(1 if problems else 0)
PY
  then status=1; fi
done
exit $status
