#!/usr/bin/env bash
# Loads the distributed topology on this machine: one worker process with every module, the gateway and the
# realtime service as separate processes on RabbitMQ (127.0.0.1:5672) and Redis (127.0.0.1:6379), analytics on
# InfluxDB (127.0.0.1:8086) — all three must be running. The document store is the SQLite file (MongoDB, the
# production store, is not installable here). Prints the load tool's summary.
# usage: [RATE=commands-per-second] [R2R=1] [PORTS="w g r"] bench/load-distributed.sh [players=200] [seconds=30] [warmup=40]
# After the load tool's summary it prints the CPU each process used per completed command over the measured window
# (workers, gateway, realtime, and the machine's RabbitMQ and Redis servers), the input of the capacity model.
# PORTS: the workers', gateway's and realtime's HTTP ports (default: three free ones), so runs never meet.
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
# Ports of their own (PORTS="workers gateway realtime" to choose), so two runs on one machine do not meet.
read -r pw pg pr <<<"${PORTS:-$(python3 -c 'import socket
s=[socket.socket() for _ in range(3)]
[x.bind(("127.0.0.1",0)) for x in s]
print(*[x.getsockname()[1] for x in s])')}"
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
start workers src/Workers/LlamaWoolFarm.Workers.Host LlamaWoolFarm.Workers.Host "$pw"
start gateway src/Gateway/LlamaWoolFarm.Gateway LlamaWoolFarm.Gateway "$pg"
start realtime src/Realtime/LlamaWoolFarm.Realtime LlamaWoolFarm.Realtime "$pr"
for port in "$pw" "$pg" "$pr"; do
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "port $port never became ready; logs:"; tail -n 20 "$data"/*.log; exit 1; }
done
# CPU per completed command, per process: utime+stime from /proc/<pid>/stat at the first and the last second of the
# measured window (the load tool prints one line a second), divided by the commands completed between them. RabbitMQ
# and Redis are the machine's shared servers: other clients' work on them (another run, a test) counts too.
beam=$(pgrep -x beam.smp | head -1 || true); redis=$(pgrep -x redis-server | head -1 || true)
watched=("workers:${pids[0]}" "gateway:${pids[1]}" "realtime:${pids[2]}" ${beam:+"rabbitmq:$beam"} ${redis:+"redis:$redis"})
ticks() { local pid=$1 stat; stat=$(cat "/proc/$pid/stat" 2>/dev/null) || { echo 0; return; }; stat=${stat##*) }; set -- $stat; echo $(( ${12} + ${13} )); }
snapshot() { local entry out=""; for entry in "${watched[@]}"; do out+=" $(ticks "${entry#*:}")"; done; echo "$out"; }
hz=$(getconf CLK_TCK)
first="" last="" firstDone="" lastDone="" firstT="" lastT=""
dotnet "$root/bench/LlamaWoolFarm.LoadTest/bin/Release/net10.0/LlamaWoolFarm.LoadTest.dll" \
  --gateway "http://127.0.0.1:$pg" --realtime "http://127.0.0.1:$pr" --players "$players" --seconds "$seconds" --warmup "$warmup" ${RATE:+--rate "$RATE"} \
  ${OPEN:+--open true} ${WINDOW:+--window "$WINDOW"} >"$data/load.out" &
loadtool=$!
pids+=($loadtool)
# Follow the tool's per-second lines as they come (a pipe would let the tool's output wait in a buffer).
exec 3< <(tail -n +1 --pid="$loadtool" -f "$data/load.out")
while IFS= read -r line <&3; do
  if [[ $line == *"] measure sent"* ]]; then
    [[ $line =~ done\ +([0-9]+) ]] && done_count=${BASH_REMATCH[1]}
    if [ -z "$first" ]; then first=$(snapshot); firstDone=$done_count; firstT=$(date +%s.%N)
    else last=$(snapshot); lastDone=$done_count; lastT=$(date +%s.%N); fi
  fi
done
wait "$loadtool" || true
if [ -n "${WINDOW:-}" ]; then cat "$data/load.out"; else tail -4 "$data/load.out"; fi
if [ -n "$last" ] && [ "$lastDone" -gt "$firstDone" ]; then
  read -ra a <<<"$first"; read -ra b <<<"$last"
  commands=$((lastDone - firstDone)); wall=$(echo "$lastT - $firstT" | bc -l)
  report="cpu per completed command (${commands} commands in ${wall%.*} s):"; total=0
  for i in "${!watched[@]}"; do
    t=$(( b[i] - a[i] )); total=$((total + t))
    report+=" ${watched[i]%%:*} $(echo "scale=0; $t * 1000000 / $hz / $commands" | bc) us ($(echo "scale=0; $t * 100 / $hz / $wall" | bc)% of a core);"
  done
  echo "$report total $(echo "scale=0; $total * 1000000 / $hz / $commands" | bc) us"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi
