#!/usr/bin/env bash
# Board reads over HTTP: starts a Release Standalone (fresh data folder, rate limits raised, logs at Warning), seeds
# a board through the public API (guests applying click commands), then runs wrk on the top-100 page and on around-me
# (every request as another seeded player) and prints requests/s, latency and non-2xx answers (must be 0).
# usage: [CONNS="32 64"] [WHICH="top around"] [PLAYERS=2000] [THREADS=2] [SKIP_BUILD=1] [PORT=5190] bench/http/boards.sh [seconds=30]
# DISTRIBUTED=1: the same against Gateway + Workers.Host + Realtime over the local RabbitMQ and Redis (Redis boards).
# The script builds from the checkout it sits in, so a copy in another checkout measures that one.
set -euo pipefail
seconds=${1:-30}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=$(mktemp -d /tmp/lwf-boards.XXXXXX)
port=${PORT:-5190}
players=${PLAYERS:-2000}
gateway="http://127.0.0.1:$port"
export RateLimits__PerPlayer=1000000 RateLimits__PerAddress=10000000 RateLimits__Auth=1000000
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; rm -rf "$data"; }
trap cleanup EXIT

start() { # folder dll log [env...]
  local folder=$1 dll=$2 log=$3; shift 3
  (cd "$folder" && exec env "$@" dotnet "$dll" --contentRoot "$PWD" >"$data/$log" 2>&1) &
  pids+=($!)
}

if [ -z "${DISTRIBUTED:-}" ]; then
  folder="$root/src/Standalone/LlamaWoolFarm.Standalone"
  [ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release "$folder" -v q --nologo >/dev/null
  start "$folder" bin/Release/net10.0/LlamaWoolFarm.Standalone.dll standalone.log \
    ASPNETCORE_URLS="$gateway" Storage__DataPath="$data"
else
  # A RabbitMQ virtual host and Redis key prefixes of its own, so nothing else on the shared servers is read or written.
  vhost="lwf-boards-$$"
  rabbitmqctl add_vhost "$vhost" >/dev/null
  rabbitmqctl set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
  trap 'cleanup; rabbitmqctl delete_vhost "'"$vhost"'" >/dev/null 2>&1 || true' EXIT
  export Messaging__Transport=RabbitMq ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:5672/$vhost"
  export ConnectionStrings__redis=127.0.0.1:6379 ConnectionStrings__influx="http://127.0.0.1:8086?db=lwf_load" Storage__Mode=Server
  export Storage__Documents=Sqlite Storage__DataPath=$data Auth__SigningKey=$(head -c 48 /dev/urandom | base64)
  export RateLimits__KeyPrefix="lwf-boards:$$:" Scheduler__RedisPrefix="{lwf-boards-$$-hangfire}:"
  export Leaderboards__KeyPrefix="lwf-boards:$$:lb:" Cache__KeyPrefix="lwf-boards:$$:cache:"
  for p in Workers/LlamaWoolFarm.Workers.Host Realtime/LlamaWoolFarm.Realtime Gateway/LlamaWoolFarm.Gateway; do
    [ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release "$root/src/$p" -v q --nologo >/dev/null
  done
  start "$root/src/Workers/LlamaWoolFarm.Workers.Host" bin/Release/net10.0/LlamaWoolFarm.Workers.Host.dll workers.log \
    ASPNETCORE_URLS="http://127.0.0.1:$((port + 1))"
  start "$root/src/Realtime/LlamaWoolFarm.Realtime" bin/Release/net10.0/LlamaWoolFarm.Realtime.dll realtime.log \
    ASPNETCORE_URLS="http://127.0.0.1:$((port + 2))"
  start "$root/src/Gateway/LlamaWoolFarm.Gateway" bin/Release/net10.0/LlamaWoolFarm.Gateway.dll gateway.log \
    ASPNETCORE_URLS="$gateway"
  for p in $((port + 1)) $((port + 2)); do
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$p/health/ready" >/dev/null && break; sleep 1; done
  done
fi
for _ in $(seq 1 120); do curl -sf "$gateway/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$gateway/health/ready" >/dev/null || { echo "not ready; log:"; tail -30 "$data"/*.log; exit 1; }

python3 "$here/seed_boards.py" "$gateway" "$players" "$data/tokens"
export TOKENS="$data/tokens"
for which in ${WHICH:-top around}; do
  script=$here/top100.lua; [ "$which" = around ] && script=$here/around.lua
  for c in ${CONNS:-32 64}; do
    wrk -t"${THREADS:-2}" -c"$c" -d5s -s "$script" "$gateway" >/dev/null  # warm-up, not counted
    out=$(wrk -t"${THREADS:-2}" -c"$c" -d"${seconds}s" --latency -s "$script" "$gateway")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    lat=$(awk '/^    Latency/ {print "avg " $2 " stdev " $3 " max " $4}' <<<"$out")
    pct=$(awk '/^ +(50|90|99)%/ {printf "p%s %s ", substr($1, 1, length($1) - 1), $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); errors=$(awk '/Socket errors/ {print}' <<<"$out")
    echo "$which c=$c: ${rps} req/s, latency $lat, $pct non-2xx ${non2xx:-0} ${errors}"
  done
done
