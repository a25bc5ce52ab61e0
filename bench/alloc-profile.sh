#!/usr/bin/env bash
# Where a loaded Standalone allocates: runs it under the load tool (closed loop), records an allocation trace of the
# measured window with dotnet-trace (the runtime's GC AllocationTick events, one per ~100 KB allocated, with stacks)
# and prints bench/LlamaWoolFarm.AllocReport's breakdown: by library, by type, by type and allocating method.
# usage: bench/alloc-profile.sh [players=200] [warmup=90] [trace-seconds=15] [out=/tmp/lwf-alloc.nettrace]
# dotnet-trace is installed from NuGet into bench/.tools on first use. Measure only while nothing else runs.
set -euo pipefail
players=${1:-200}; warmup=${2:-90}; seconds=${3:-15}; out=${4:-/tmp/lwf-alloc.nettrace}
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/bench/.tools"
[ -x "$tools/dotnet-trace" ] || dotnet tool install --tool-path "$tools" dotnet-trace --version 10.0.750501 >/dev/null
dotnet build -c Release "$root/src/Standalone/LlamaWoolFarm.Standalone" -v q --nologo >/dev/null
dotnet build -c Release "$root/bench/LlamaWoolFarm.LoadTest" -v q --nologo >/dev/null
dotnet build -c Release "$root/bench/LlamaWoolFarm.AllocReport" -v q --nologo >/dev/null
data=$(mktemp -d /tmp/lwf-alloc-profile.XXXXXX)
port=${PORT:-5096}
export RateLimits__PerPlayer=100000 RateLimits__PerAddress=1000000 RateLimits__Auth=100000
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
folder="$root/src/Standalone/LlamaWoolFarm.Standalone"
(cd "$folder" && ASPNETCORE_URLS=http://127.0.0.1:$port Storage__DataPath=$data \
  exec dotnet bin/Release/net10.0/LlamaWoolFarm.Standalone.dll --contentRoot "$PWD" >"$data/standalone.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
dotnet "$root/bench/LlamaWoolFarm.LoadTest/bin/Release/net10.0/LlamaWoolFarm.LoadTest.dll" --gateway "http://127.0.0.1:$port" \
  --players "$players" --seconds $((seconds + 10)) --warmup "$warmup" > "$data/load.txt" 2>&1 &
tool=$!
sleep $((warmup + 3))
timeout -s INT "$seconds" "$tools/dotnet-trace" collect -p "$pid" --providers "Microsoft-Windows-DotNETRuntime:0x1:5" -o "$out" >/dev/null 2>&1 || true
wait $tool || true
tail -3 "$data/load.txt"
dotnet "$root/bench/LlamaWoolFarm.AllocReport/bin/Release/net10.0/LlamaWoolFarm.AllocReport.dll" "$out" "${ROWS:-25}"
