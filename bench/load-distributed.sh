#!/usr/bin/env bash
# Loads the distributed topology on this machine: one worker process with every module, the gateway and the
# realtime service as separate processes on RabbitMQ (127.0.0.1:5672) and Redis (127.0.0.1:6379), analytics on
# InfluxDB (127.0.0.1:8086) — all three must be running. The document store is the SQLite file (MongoDB, the
# production store, is not installable here). Prints the load tool's summary.
# usage: [RATE=commands-per-second] [R2R=1] bench/load-distributed.sh [players=200] [seconds=30] [warmup=40]
# (OPEN=1 with RATE: open loop, sends do not wait for answers; WINDOW=S: accepted/shed/completed and p50/p99 per
# S-second window, see docs/performance.md#backpressure; no RATE: closed loop; R2R=1: the three services run from ReadyToRun publish outputs, as an image built with
# PublishReadyToRun would, instead of JIT-only Release builds)
set -euo pipefail
players=${1:-200}; seconds=${2:-30}; warmup=${3:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d /tmp/lwf-load-distributed.XXXXXX)
vhost=lwf-load-$$
for project in src/Workers/LlamaWoolFarm.Workers.Host src/Gateway/LlamaWoolFarm.Gateway src/Realtime/LlamaWoolFarm.Realtime bench/LlamaWoolFarm.LoadTest; do
  dotnet build -c Release "$root/$project" -v q --nologo >/dev/null
  if [ -n "${R2R:-}" ] && [ "${project#src/}" != "$project" ]; then
    dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false \
      -o "$data/bin/$(basename "$project")" "$root/$project" -v q --nologo >/dev/null
  fi
done
# A virtual host of its own, so the run neither sees nor leaves messages in another's queues.
rabbitmqctl add_vhost "$vhost" >/dev/null
rabbitmqctl set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
export Messaging__Transport=RabbitMq ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:5672/$vhost"
export ConnectionStrings__redis=127.0.0.1:6379 ConnectionStrings__influx="http://127.0.0.1:8086?db=lwf_load" Storage__Mode=Server
export Storage__Documents=Sqlite Storage__DataPath=$data Auth__SigningKey=$(head -c 48 /dev/urandom | base64)
export RateLimits__PerPlayer=100000 RateLimits__PerAddress=1000000 RateLimits__Auth=100000 RateLimits__KeyPrefix="lwf-load:$$:"
export Scheduler__RedisPrefix="{lwf-load-$$-hangfire}:"
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
pids=()
start() { # name project dll port
  local folder="$root/$2" dll="bin/Release/net10.0/$3.dll"
  if [ -n "${R2R:-}" ]; then folder="$data/bin/$3" dll="$3.dll"; fi
  (cd "$folder" && ASPNETCORE_URLS=http://127.0.0.1:$4 exec dotnet "$dll" --contentRoot "$PWD" >"$data/$1.log" 2>&1) &
  pids+=($!)
}
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rabbitmqctl delete_vhost "$vhost" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] || rm -rf "$data"
}
trap cleanup EXIT
start workers src/Workers/LlamaWoolFarm.Workers.Host LlamaWoolFarm.Workers.Host 5091
start gateway src/Gateway/LlamaWoolFarm.Gateway LlamaWoolFarm.Gateway 5092
start realtime src/Realtime/LlamaWoolFarm.Realtime LlamaWoolFarm.Realtime 5093
for port in 5091 5092 5093; do
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "port $port never became ready; logs:"; tail -n 20 "$data"/*.log; exit 1; }
done
dotnet "$root/bench/LlamaWoolFarm.LoadTest/bin/Release/net10.0/LlamaWoolFarm.LoadTest.dll" \
  --gateway http://127.0.0.1:5092 --realtime http://127.0.0.1:5093 --players "$players" --seconds "$seconds" --warmup "$warmup" ${RATE:+--rate "$RATE"} \
  ${OPEN:+--open true} ${WINDOW:+--window "$WINDOW"} | { if [ -n "${WINDOW:-}" ]; then cat; else tail -4; fi; }
