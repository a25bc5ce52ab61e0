#!/usr/bin/env bash
# Sign-in throughput of the embedded system (Standalone) with wrk: (a) existing-device guest sign-in, (b) new guests.
# usage: [DURATION=30] [CONNECTIONS="32 64"] [DEVICES=2000] [CASES="existing new"] [WARMUP=10] [PORT=5091] [TIMEOUT=10s] \
#        bench/http/signin.sh
# A Release build of Standalone from the checkout this script sits in (root = its ../..) runs on a fresh data
# folder with rate limits raised (the tool measures the system, not the limiter) and logs at Warning. A warm-up
# walks DEVICES device ids in order, creating their accounts (bench-dev-00000001 ...); then every case runs wrk
# (THREADS=2 threads) for DURATION seconds at each connection count and prints one RESULT line: requests/s, latency
# percentiles, non-2xx answers, socket errors, and the server's CPU time per request. A run with non2xx or
# socket errors above 0 is not a result.
set -euo pipefail
seconds=${DURATION:-30}
connections=${CONNECTIONS:-32 64}
cases=${CASES:-existing new}
warmup=${WARMUP:-10}
threads=${THREADS:-2}
export DEVICES=${DEVICES:-2000} THREADS=$threads
root=$(cd "$(dirname "$0")/../.." && pwd)
export BENCH_HTTP=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d /tmp/lwf-signin.XXXXXX)
port=${PORT:-5091}
url=http://127.0.0.1:$port
folder="$root/src/Standalone/LlamaWoolFarm.Standalone"
[ -n "${NO_BUILD:-}" ] || dotnet build -c Release "$folder" -v q --nologo >/dev/null
export RateLimits__PerPlayer=100000000 RateLimits__PerAddress=100000000 RateLimits__Auth=100000000
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
(cd "$folder" && \
  ASPNETCORE_URLS=$url Storage__DataPath=$data \
  exec dotnet bin/Release/net10.0/LlamaWoolFarm.Standalone.dll --contentRoot "$PWD" >"$data/standalone.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 90); do curl -sf "$url/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$url/health/ready" >/dev/null || { echo "Standalone did not become ready; log:" >&2; tail -20 "$data/standalone.log" >&2; exit 1; }

echo "root $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: ordered passes over the device ids (one wrk thread, so in order but for the 32 in flight), each going on
# 32 before where the last one's answers stopped, until every account exists (and the JIT is warm).
next=0
while [ "$next" -lt "$DEVICES" ]; do
  warm=$(START=$next THREADS=1 MODE=seq wrk -t1 -c32 -d"${warmup}s" -s "$BENCH_HTTP/guest-existing.lua" "$url" | grep '^RESULT')
  echo "warm-up (creates $DEVICES devices): ${warm#RESULT }"
  next=$((next + $(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$warm") - 32))
done
# CPU time of the server process (user + system, clock ticks): per request it is what a shared machine's load
# changes least, so runs of two builds compare even when the requests/s of both are squeezed.
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks=$(getconf CLK_TCK)
for case in $cases; do
  for c in $connections; do
    before=$(cpu)
    line=$(wrk -t"$threads" -c"$c" -d"${seconds}s" --timeout "${TIMEOUT:-10s}" -s "$BENCH_HTTP/guest-$case.lua" "$url" | grep '^RESULT')
    used=$(( $(cpu) - before ))
    requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
    per=$(awk -v u="$used" -v t="$ticks" -v r="$requests" 'BEGIN { printf "%.0f", (r > 0 ? u / t * 1e6 / r : 0) }')
    echo "$case c=$c: ${line#RESULT } server_cpu/request=${per}us (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
