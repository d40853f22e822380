#!/usr/bin/env bash
# Publishes the stampede CLI as one native executable (NativeAOT): no JIT warm-up at the start of a run, about
# a third less memory, and less CPU per request than the same code on the JIT. The result is
# artifacts/native/stampede (override the folder with the first argument). Installs the native toolchain
# (clang, zlib) from the distribution's packages when it is missing and we are root.
#   deploy/publish-native.sh [OUTPUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/artifacts/native}"

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "publish-native: missing ${missing[*]} (run as root to install)" >&2; exit 1; fi
  echo "publish-native: installing ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "publish-native: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac

log=$(mktemp)
if ! dotnet publish "$here/src/Stampede.Cli/Stampede.Cli.csproj" -c Release -r "$rid" -p:PublishAot=true \
     -nologo -o "$out" >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
mv -f "$out/Stampede.Cli" "$out/stampede"
rm -f "$out"/*.dbg "$out"/*.pdb "$out"/*.xml
echo "$out/stampede"
