#!/usr/bin/env bash
# Runs Stampede's whole test suite. Installs what the tests need when it is missing,
# so it works the same on a fresh machine and on a developer's.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v prometheus-pushgateway >/dev/null 2>&1 || need_apt+=(prometheus-pushgateway)
# The history store's PostgreSQL tests start a throwaway server from these binaries.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
# The native (NativeAOT) executable is linked with the system's C toolchain.
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
[ -e /usr/include/zlib.h ] || need_apt+=(zlib1g-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: missing ${need_apt[*]}; tests that need them will fail (run as root to install)" >&2
  fi
fi

dotnet build Stampede.sln -c Release -nologo -v q
# The shipped form of the CLI: NativeAOT breaks reflection at run time, so tests run the real executable too.
echo "test.sh: publishing the native executable"
STAMPEDE_NATIVE=$(deploy/publish-native.sh "$PWD/artifacts/test-native")
export STAMPEDE_NATIVE
rm -f TestResults/*_hang.log TestResults/*_hang.dmp
set +e
# One test assembly at a time: several of them judge timing (schedulers, latency, a 100 Hz loop), and two cores
# shared by four assemblies would make those judgements about the machine rather than the code.
# A test assembly that makes no progress for five minutes is hung: it is dumped and stopped, and the tests it
# was running are named, so a hang fails the suite in minutes instead of outliving its time limit; the whole
# run has fifty minutes, in case the runner itself stops answering.
timeout --kill-after=30s 50m dotnet test --solution Stampede.sln -c Release --no-build --max-parallel-test-modules 1 \
  --hangdump --hangdump-timeout 5m --hangdump-type Mini 2>&1 | tee /tmp/stampede-test-output.$$
status=${PIPESTATUS[0]}
set -e
for hang in TestResults/*_hang.log; do
  [ -e "$hang" ] && { echo "test.sh: hung, and still running when it was stopped ($hang):"; cat "$hang"; }
done
passed=$(grep -E '^\s+succeeded: ' /tmp/stampede-test-output.$$ | awk '{print $2}' | tail -1)
failed=$(grep -E '^\s+failed: ' /tmp/stampede-test-output.$$ | awk '{print $2}' | tail -1)
skipped=$(grep -E '^\s+skipped: ' /tmp/stampede-test-output.$$ | awk '{print $2}' | tail -1)
rm -f /tmp/stampede-test-output.$$
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
