#!/usr/bin/env bash
# The CPU each component spends per command and per push, for the capacity model of docs/performance.md
# ("Scale-out and capacity"). Runs the distributed topology as separate processes — the game worker (game module
# alone), the other modules' worker (accounts, saves, leaderboards, scheduler, analytics, notifications), the gateway,
# realtime — on a RabbitMQ node and a redis-server of the script's own (so their CPU is this run's alone, not other
# tests'), drives it with the load tool at a fixed OPEN-LOOP command rate, and reads every process's CPU time
# (utime+stime of /proc/<pid>/stat) at the start and the end of the measured window. Commands are the gateway's 202s
# to POST game/actions in the window, events the messages realtime's relays consumed (each one push to a player or a
# broadcast: commandCompleted, gameStateChanged, rank and leaderboard changes, ...), both read from /metrics.
# Analytics writes to InfluxDB at 127.0.0.1:8086 (its CPU is not counted). The document store is the SQLite file, in
# the game worker's process (MongoDB, the production store, is not installable here).
# usage: [NOBUILD=1] [IDLE=10] bench/capacity.sh [rate=150] [players=300] [seconds=30] [warmup=30]
# Keep the rate below what the machine completes (the load tool's p50 in milliseconds, no 503 OVERLOADED): a backlog
# moves work out of the window and the per-command figures of the later stages come out too low.
# (NOBUILD=1: use the Release builds already there, e.g. a baseline checkout that must not be rebuilt)
set -euo pipefail
rate=${1:-150}; players=${2:-300}; seconds=${3:-30}; warmup=${4:-30}; idle=${IDLE:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d /tmp/lwf-capacity.XXXXXX)
base=$((20000 + ($$ % 2000) * 10))
redis_port=$((base + 6)); amqp_port=$((base + 7)); dist_port=$((base + 8))
node="lwf-capacity-$$@localhost"
for project in src/Workers/LlamaWoolFarm.Workers.Host src/Gateway/LlamaWoolFarm.Gateway src/Realtime/LlamaWoolFarm.Realtime bench/LlamaWoolFarm.LoadTest; do
  [ -n "${NOBUILD:-}" ] || dotnet build -c Release "$root/$project" -v q --nologo >/dev/null
done
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  HOME="$data/rabbit" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$node" stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$data"
}
trap cleanup EXIT

# Own servers, as tests/LlamaWoolFarm.Testing OwnRedis / OwnRabbitMq start them (no plugins, no persistence for Redis).
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$data/redis.log" 2>&1 &
redis_pid=$!; pids+=("$redis_pid")
mkdir -p "$data/rabbit"; echo '[].' >"$data/rabbit/enabled_plugins"
(cd "$data/rabbit" && HOME="$data/rabbit" RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  RABBITMQ_NODE_PORT=$amqp_port RABBITMQ_DIST_PORT=$dist_port RABBITMQ_MNESIA_BASE="$data/rabbit/mnesia" \
  RABBITMQ_LOG_BASE="$data/rabbit/log" RABBITMQ_ENABLED_PLUGINS_FILE="$data/rabbit/enabled_plugins" \
  RABBITMQ_CONFIG_FILE="$data/rabbit/rabbitmq" RABBITMQ_ADVANCED_CONFIG_FILE="$data/rabbit/advanced.config" \
  RABBITMQ_CONF_ENV_FILE="$data/rabbit/rabbitmq-env.conf" exec /usr/lib/rabbitmq/bin/rabbitmq-server >"$data/rabbit.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 120); do (echo >"/dev/tcp/127.0.0.1/$amqp_port") 2>/dev/null && break; sleep 1; done
(echo >"/dev/tcp/127.0.0.1/$amqp_port") 2>/dev/null || { echo "RabbitMQ never listened; see $data/rabbit/log"; KEEP=1; exit 1; }
# The node's Erlang VM, found below the script that started it (its command line does not name the node).
descendant() { # pid comm
  [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ] && { echo "$1"; return; }
  for child in $(pgrep -P "$1" || true); do descendant "$child" "$2"; done
}
beam_pid=$(descendant "${pids[1]}" beam.smp | head -1)
[ -n "$beam_pid" ] || { echo "no beam.smp below pid ${pids[1]}"; exit 1; }

export Messaging__Transport=RabbitMq ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$amqp_port/"
export ConnectionStrings__redis=127.0.0.1:$redis_port ConnectionStrings__influx="http://127.0.0.1:8086?db=lwf_load" Storage__Mode=Server
export Storage__Documents=Sqlite Storage__DataPath=$data Auth__SigningKey=$(head -c 48 /dev/urandom | base64)
export RateLimits__PerPlayer=100000 RateLimits__PerAddress=1000000 RateLimits__Auth=100000
export Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning
declare -A pid port
start() { # name project dll port [modules]
  local folder="$root/$2" dll="bin/Release/net10.0/$3.dll"
  (cd "$folder" && Workers__Enabled="${5:-}" ASPNETCORE_URLS=http://127.0.0.1:$4 exec dotnet "$dll" --contentRoot "$PWD" >"$data/$1.log" 2>&1) &
  pids+=($!); pid[$1]=$!; port[$1]=$4
}
start game src/Workers/LlamaWoolFarm.Workers.Host LlamaWoolFarm.Workers.Host $((base + 1)) game
start modules src/Workers/LlamaWoolFarm.Workers.Host LlamaWoolFarm.Workers.Host $((base + 2)) accounts,saves,leaderboards,scheduler,analytics,notifications
for name in game modules; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:${port[$name]}/health/ready" >/dev/null && break; sleep 1; done
done
start gateway src/Gateway/LlamaWoolFarm.Gateway LlamaWoolFarm.Gateway $((base + 3))
start realtime src/Realtime/LlamaWoolFarm.Realtime LlamaWoolFarm.Realtime $((base + 4))
for name in game modules gateway realtime; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:${port[$name]}/health/ready" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:${port[$name]}/health/ready" >/dev/null || { echo "$name never became ready; logs:"; tail -n 20 "$data/$name.log"; exit 1; }
done
pid[rabbitmq]=$beam_pid; pid[redis]=$redis_pid
components=(gateway game modules realtime rabbitmq redis)

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Game actions the gateway answered 202, and events realtime's relays consumed (one push each), from /metrics
# (the value follows the labels; an exporter may add a timestamp after it).
commands() { curl -sf "http://127.0.0.1:${port[gateway]}/metrics" | awk '/^http_server_request_duration_seconds_count\{/ && index($0, "http_route=\"/api/v1/game/actions\"") && index($0, "http_response_status_code=\"202\"") { v = $0; sub(/^.*\} /, "", v); split(v, f, " "); s += f[1] } END { printf "%d\n", s }'; }
pushes() { curl -sf "http://127.0.0.1:${port[realtime]}/metrics" | awk '/^messaging_masstransit_consume_/ && !/errors/ && /_total\{/ { v = $0; sub(/^.*\} /, "", v); split(v, f, " "); s += f[1] } END { printf "%d\n", s }'; }
# Deliveries: messages every consumer of the four processes took; Redis: commands the server processed.
deliveries() { for name in game modules gateway realtime; do curl -sf "http://127.0.0.1:${port[$name]}/metrics"; done | awk '/^messaging_masstransit_consume_/ && !/errors/ && /_total\{/ { v = $0; sub(/^.*\} /, "", v); split(v, f, " "); s += f[1] } END { printf "%d\n", s }'; }
redis_ops() { redis-cli -p "$redis_port" info stats | awk -F: '/^total_commands_processed:/ { printf "%d\n", $2 }'; }
snapshot() { # prefix
  for c in "${components[@]}"; do eval "$1_$c=$(ticks "${pid[$c]}")"; done
  redis-cli -p "$redis_port" info commandstats | tr -d '\r' >"$data/commandstats.$1"
  eval "$1_commands=$(commands)"; eval "$1_pushes=$(pushes)"; eval "$1_deliveries=$(deliveries)"; eval "$1_redis_ops=$(redis_ops)"; eval "$1_time=$(date +%s.%N)"
}

dotnet "$root/bench/LlamaWoolFarm.LoadTest/bin/Release/net10.0/LlamaWoolFarm.LoadTest.dll" \
  --gateway "http://127.0.0.1:${port[gateway]}" --realtime "http://127.0.0.1:${port[realtime]}" --players "$players" \
  --seconds "$seconds" --warmup "$warmup" --rate "$rate" --open true >"$data/load.log" 2>&1 &
load_pid=$!
# The window opens with the load tool's first measured second and closes a second before its last.
until grep -q ' measure ' "$data/load.log" 2>/dev/null; do
  kill -0 "$load_pid" 2>/dev/null || { echo "the load tool ended early:"; cat "$data/load.log"; exit 1; }
  sleep 0.2
done
snapshot a
load_a=$(cat /proc/loadavg)
sleep $((seconds - 1))
snapshot b
load_b=$(cat /proc/loadavg)
wait "$load_pid" || true
tail -4 "$data/load.log"
# The idle cost after the load, warm (timers, health checks, the scheduler's polling, the broker's own ticks), so
# the per-command figures can be given net of it: what one more command costs, which is what grows with players.
# (first the backlog drains: the idle window starts once realtime relayed nothing new for 3 s, at most 60 s on)
last=-1
for _ in $(seq 1 20); do now=$(pushes); [ "$now" = "$last" ] && break; last=$now; sleep 3; done
snapshot i
sleep "$idle"
snapshot j

hz=$(getconf CLK_TCK)
delta() { for c in "${components[@]}"; do eval "echo -n \$(($2_$c - $1_$c))' '"; done; }
awk -v hz="$hz" -v secs="$(echo "$b_time - $a_time" | bc)" -v idle_secs="$(echo "$j_time - $i_time" | bc)" \
  -v cmds=$((b_commands - a_commands)) -v pushes=$((b_pushes - a_pushes)) -v la="$load_a" -v lb="$load_b" \
  -v deliveries=$((b_deliveries - a_deliveries)) -v ops=$((b_redis_ops - a_redis_ops)) -v idle_ops=$((j_redis_ops - i_redis_ops)) \
  -v names="${components[*]}" -v deltas="$(delta a b)" -v idles="$(delta i j)" '
BEGIN {
  n = split(names, name, " "); split(deltas, d, " "); split(idles, q, " ")
  printf "window %.1f s: %d commands accepted (%.0f/s), %d events relayed to players (%.0f/s); load average at start %s, at end %s\n", secs, cmds, cmds / secs, pushes, pushes / secs, substr(la, 1, 14), substr(lb, 1, 14)
  printf "%-10s %8s %10s %15s %13s %15s\n", "component", "cores", "idle cores", "CPU ms/command", "CPU ms/event", "net ms/command"
  for (i = 1; i <= n; i++) {
    cores = d[i] / hz / secs; idle = q[i] / hz / idle_secs; net = cores - idle; if (net < 0) net = 0
    tc += cores; ti += idle; tn += net
    printf "%-10s %8.3f %10.3f %15.3f %13.3f %15.3f\n", name[i], cores, idle, cmds ? 1000 * cores * secs / cmds : 0, pushes ? 1000 * cores * secs / pushes : 0, cmds ? 1000 * net * secs / cmds : 0
  }
  printf "%-10s %8.3f %10.3f %15.3f %13.3f %15.3f\n", "total", tc, ti, cmds ? 1000 * tc * secs / cmds : 0, pushes ? 1000 * tc * secs / pushes : 0, cmds ? 1000 * tn * secs / cmds : 0
  print "(cores: CPU seconds per second in the window; net: minus the idle cores measured after the load, per command)"
  if (cmds) printf "per command: %.2f deliveries (messages consumed by all consumers), %.1f Redis commands (%.1f net of the idle %.0f/s), %.2f events relayed\n", deliveries / cmds, ops / cmds, (ops - idle_ops * secs / idle_secs) / cmds, idle_ops / idle_secs, pushes / cmds
}'
# Which Redis commands the window's traffic was made of, per accepted command (idle ones included).
echo "Redis commands per accepted command in the window, by name:"
awk -F'[:,=]' -v cmds=$((b_commands - a_commands)) 'FNR == 1 { file++ } /^cmdstat_/ { calls[file, $1] = $3; names[$1] = 1 }
  END { for (n in names) { d = calls[2, n] - calls[1, n]; if (d > 0 && cmds) printf "  %-28s %7.2f\n", substr(n, 9), d / cmds } }' \
  "$data/commandstats.a" "$data/commandstats.b" | sort -k2 -n -r | head -12
