#!/usr/bin/env bash
# Loads the embedded, single-process system (Standalone) with the load tool and prints its summary.
# usage: [RATE=commands-per-second] [R2R=1] bench/load-standalone.sh [players=200] [seconds=30] [warmup=40]
# (OPEN=1 with RATE: open loop, sends do not wait for answers; WINDOW=S: accepted/shed/completed and p50/p99 per
# S-second window, see docs/performance.md#backpressure; no RATE: closed loop; R2R=1: Standalone runs from a ReadyToRun publish output)
# After the load tool's summary it prints the server's cost per completed command over the measured window: CPU time
# (utime+stime of the Standalone process from /proc/<pid>/stat) and bytes allocated (GC.GetTotalAllocatedBytes, written
# by the startup hook bench/LlamaWoolFarm.AllocProbe, so any build of the server is measured unchanged).
# Release builds of Standalone, the load tool and the probe are made first. Rate limits are raised so the tool measures the
# system, not the limiter. Data goes to a fresh folder under /tmp; the process is stopped at the end.
set -euo pipefail
players=${1:-200}; seconds=${2:-30}; warmup=${3:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d /tmp/lwf-load-standalone.XXXXXX)
port=${PORT:-5090}
dotnet build -c Release "$root/src/Standalone/LlamaWoolFarm.Standalone" -v q --nologo >/dev/null
dotnet build -c Release "$root/bench/LlamaWoolFarm.LoadTest" -v q --nologo >/dev/null
dotnet build -c Release "$root/bench/LlamaWoolFarm.AllocProbe" -v q --nologo >/dev/null
folder="$root/src/Standalone/LlamaWoolFarm.Standalone" dll=bin/Release/net10.0/LlamaWoolFarm.Standalone.dll
if [ -n "${R2R:-}" ]; then
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false \
    -o "$data/bin" "$folder" -v q --nologo >/dev/null
  dll="$data/bin/LlamaWoolFarm.Standalone.dll"
fi
export RateLimits__PerPlayer=100000 RateLimits__PerAddress=1000000 RateLimits__Auth=100000
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
(cd "$folder" && \
  ASPNETCORE_URLS=http://127.0.0.1:$port Storage__DataPath=$data LWF_ALLOC_FILE=$data/allocated \
  DOTNET_STARTUP_HOOKS="$root/bench/LlamaWoolFarm.AllocProbe/bin/Release/net10.0/LlamaWoolFarm.AllocProbe.dll" \
  exec dotnet "$dll" --contentRoot "$PWD" >"$data/standalone.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
# One sample per progress line of the measured window: the tool's completed count, the server's CPU ticks, its
# allocated bytes and GC counts. The figures below are the differences between the first and the last sample.
sample() {
  local done_count
  done_count=$(awk '{for (i = 1; i <= NF; i++) if ($i == "done") { print $(i + 1); exit }}' <<<"$1")
  local tool
  tool=$(pgrep -n -f LlamaWoolFarm.LoadTest.dll || true)
  echo "$done_count $(awk '{print $14 + $15}' "/proc/$pid/stat") $(cat "$data/allocated" 2>/dev/null || echo '0 0 0 0') $(awk '{print $14 + $15}' "/proc/$tool/stat" 2>/dev/null || echo 0)"
}
dotnet "$root/bench/LlamaWoolFarm.LoadTest/bin/Release/net10.0/LlamaWoolFarm.LoadTest.dll" \
  --gateway "http://127.0.0.1:$port" --players "$players" --seconds "$seconds" --warmup "$warmup" ${RATE:+--rate "$RATE"} \
  ${OPEN:+--open true} ${WINDOW:+--window "$WINDOW"} | {
  first='' last='' lines=()
  while IFS= read -r line; do
    lines+=("$line")
    if [[ $line == *"] measure "* ]]; then
      last=$(sample "$line"); first=${first:-$last}
    fi
  done
  if [ -n "${WINDOW:-}" ]; then printf '%s\n' "${lines[@]}"; else printf '%s\n' "${lines[@]: -4}"; fi
  if [ -n "$first" ] && [ "$first" != "$last" ]; then
    read -r d0 c0 a0 g00 g10 g20 t0 <<<"$first"; read -r d1 c1 a1 g01 g11 g21 t1 <<<"$last"
    awk -v n=$((d1 - d0)) -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v bytes=$((a1 - a0)) \
      -v tool=$((t1 - t0)) -v g0=$((g01 - g00)) -v g1=$((g11 - g10)) -v g2=$((g21 - g20)) -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
      if (n <= 0) { print "server cost: no command completed in the sampled window"; exit }
      printf "server per completed command (%d commands in the sampled window): CPU %.3f ms, allocated %.1f KB; GCs gen0 %d gen1 %d gen2 %d; load average %s\n",
        n, ticks / hz * 1000 / n, bytes / 1024 / n, g0, g1, g2, load
      printf "load tool per completed command (on the same cores): CPU %.3f ms\n", tool / hz * 1000 / n }'
  fi
}
