#!/usr/bin/env bash
# Loads the embedded, single-process system (Standalone) with the load tool and prints its summary.
# usage: [RATE=commands-per-second] [R2R=1] bench/load-standalone.sh [players=200] [seconds=30] [warmup=40]
# (OPEN=1 with RATE: open loop, sends do not wait for answers; WINDOW=S: accepted/shed/completed and p50/p99 per
# S-second window, see docs/performance.md#backpressure; no RATE: closed loop; R2R=1: Standalone runs from a ReadyToRun publish output)
# Release builds of Standalone and the load tool are made first. Rate limits are raised so the tool measures the
# system, not the limiter. Data goes to a fresh folder under /tmp; the process is stopped at the end.
set -euo pipefail
players=${1:-200}; seconds=${2:-30}; warmup=${3:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d /tmp/lwf-load-standalone.XXXXXX)
port=${PORT:-5090}
dotnet build -c Release "$root/src/Standalone/LlamaWoolFarm.Standalone" -v q --nologo >/dev/null
dotnet build -c Release "$root/bench/LlamaWoolFarm.LoadTest" -v q --nologo >/dev/null
folder="$root/src/Standalone/LlamaWoolFarm.Standalone" dll=bin/Release/net10.0/LlamaWoolFarm.Standalone.dll
if [ -n "${R2R:-}" ]; then
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false \
    -o "$data/bin" "$folder" -v q --nologo >/dev/null
  dll="$data/bin/LlamaWoolFarm.Standalone.dll"
fi
export RateLimits__PerPlayer=100000 RateLimits__PerAddress=1000000 RateLimits__Auth=100000
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
(cd "$folder" && \
  ASPNETCORE_URLS=http://127.0.0.1:$port Storage__DataPath=$data \
  exec dotnet "$dll" --contentRoot "$PWD" >"$data/standalone.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
dotnet "$root/bench/LlamaWoolFarm.LoadTest/bin/Release/net10.0/LlamaWoolFarm.LoadTest.dll" \
  --gateway "http://127.0.0.1:$port" --players "$players" --seconds "$seconds" --warmup "$warmup" ${RATE:+--rate "$RATE"} \
  ${OPEN:+--open true} ${WINDOW:+--window "$WINDOW"} | { if [ -n "${WINDOW:-}" ]; then cat; else tail -4; fi; }
