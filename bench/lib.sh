# Shared by the benchmark scripts: installing tools, building Stampede, running nginx, measuring a command.
# Every load loop here is bounded (fixed durations) and aimed at 127.0.0.1 only.

bench_install() {   # package:command …
  local missing=()
  for pair in "$@"; do
    local package=${pair%%:*} command=${pair#*:}
    command -v "$command" >/dev/null 2>&1 || [ -x "$command" ] || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then echo "missing packages: ${missing[*]} (run as root to install)" >&2; exit 1; fi
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Builds the stampede command the benchmarks run and sets STAMPEDE to it: the native (NativeAOT) executable we
# ship, or with STAMPEDE_BUILD=jit the framework-dependent build that `dotnet tool install` and ./stampede run.
# STAMPEDE_EXE=path skips the build and benchmarks that executable instead.
bench_build_stampede() {
  if [ -n "${STAMPEDE_EXE:-}" ]; then
    STAMPEDE=$STAMPEDE_EXE
  elif [ "${STAMPEDE_BUILD:-native}" = jit ]; then
    dotnet build src/Stampede.Cli/Stampede.Cli.csproj -c Release -nologo -v q -o "$PWD/artifacts/bench-cli" >&2
    STAMPEDE="dotnet $PWD/artifacts/bench-cli/Stampede.Cli.dll"
  else
    STAMPEDE=$(deploy/publish-native.sh "$PWD/artifacts/bench-native")
  fi
  export STAMPEDE
  echo "benchmarking: $STAMPEDE" >&2
}

bench_start_nginx() {
  NGINX_PREFIX=$(mktemp -d)
  mkdir -p "$NGINX_PREFIX/logs" "$NGINX_PREFIX/tmp"
  cp bench/nginx.conf "$NGINX_PREFIX/nginx.conf"
  taskset -c 1 nginx -e "$NGINX_PREFIX/logs/error.log" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf"
  trap 'nginx -e "$NGINX_PREFIX/logs/error.log" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" -s stop 2>/dev/null; rm -rf "$NGINX_PREFIX"' EXIT
  for _ in $(seq 50); do curl_ok && return 0; sleep 0.1; done
  echo "nginx did not start" >&2; exit 1
}

curl_ok() { (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; }

bench_url() { case "$1" in json1k) echo "http://127.0.0.1:8081/";; *) echo "http://127.0.0.1:8080/";; esac; }

bench_measure() {   # log command… : runs the command pinned to CPU 0 under /usr/bin/time -v
  local log=$1; shift
  taskset -c 0 /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err" || true
}
