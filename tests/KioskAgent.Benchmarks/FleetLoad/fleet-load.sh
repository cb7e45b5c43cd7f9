#!/usr/bin/env bash
# Fleet load run (docs/fleet-scale.md): a private mosquitto on loopback, the reference central
# (kioskctl fleet central, 2 instances in one shared-subscription group, one store) and
# `kioskctl fleet simulate` with N kiosks; `kioskctl fleet watch --once` is taken while all of them
# are connected. Prints the simulator's report with CPU and RSS of broker, central and simulator.
#
#   tests/KioskAgent.Benchmarks/FleetLoad/fleet-load.sh [KIOSKS] [DURATION] [RATE] [INSTANCES]
#   e.g. fleet-load.sh 1000 60s 6 2
#   MOSQUITTO_EXTRA='set_tcp_nodelay true' fleet-load.sh ...   adds lines to the broker's config
#   CENTRAL_STORE=1 fleet-load.sh ...   central keeps transactions in an SQLite file (fsync before each ack)
#
# Needs mosquitto (2.x) and a Release build of kioskctl:
#   dotnet build -c Release agent/Kioskctl
set -euo pipefail

kiosks=${1:-1000}
duration=${2:-60s}
rate=${3:-6}
instances=${4:-2}
root=$(cd "$(dirname "$0")/../../.." && pwd)
kioskctl=(dotnet "$root/agent/Kioskctl/bin/Release/net10.0/kioskctl.dll")
work=$(mktemp -d "${TMPDIR:-/tmp}/fleet-load-XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
broker="127.0.0.1:$port"

[ -f "${kioskctl[1]}" ] || { echo "build kioskctl first: dotnet build -c Release agent/Kioskctl" >&2; exit 2; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "fleet load: $kiosks kiosks, $duration, $rate taps/min each, $instances central instance(s); broker $broker; work dir $work"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, open files limit $(ulimit -n)"

# One connection per kiosk plus watchers: no connection cap, no persistence, enough queue per client.
cat >"$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_connections -1
max_queued_messages 10000
user root
log_dest file $work/mosquitto.log
log_type error
log_type warning
${MOSQUITTO_EXTRA:-}
CONF
echo "broker config extra: ${MOSQUITTO_EXTRA:-(none)}"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

mosquitto -c "$work/mosquitto.conf" & mosquitto_pid=$!; pids+=("$mosquitto_pid")
for _ in $(seq 50); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

store=()
[ -n "${CENTRAL_STORE:-}" ] && store=(--store "$work/central.db")
echo "central store: ${store[*]:-(in memory)}"
"${kioskctl[@]}" fleet central --broker "$broker" --instances "$instances" --stats-interval 10s "${store[@]}" >"$work/central.log" 2>&1 & central_pid=$!; pids+=("$central_pid")
for _ in $(seq 100); do grep -q "instance(s)" "$work/central.log" 2>/dev/null && break; sleep 0.2; done

"${kioskctl[@]}" fleet simulate --broker "$broker" --kiosks "$kiosks" --duration "$duration" --rate "$rate" \
    --measure "mosquitto=$mosquitto_pid" --measure "central=$central_pid" >"$work/simulate.log" 2>&1 & simulate_pid=$!; pids+=("$simulate_pid")

# While every kiosk is connected: how long a fresh watcher needs for the whole fleet, and what it counts.
for _ in $(seq 600); do grep -q "kiosks connected after" "$work/simulate.log" 2>/dev/null && break; sleep 0.2; done
sleep 5
start=$(date +%s.%N)
"${kioskctl[@]}" fleet watch --broker "$broker" --once >"$work/watch.txt"
end=$(date +%s.%N)

status=0
wait "$simulate_pid" || status=$?
cat "$work/simulate.log"
echo "central log (last lines):"; tail -n 3 "$work/central.log"
echo "fleet watch --once: $(grep -c ' online ' "$work/watch.txt") rows online, $(python3 -c "print(f'{$end - $start:.2f}')") s including process start; summary: $(tail -n 2 "$work/watch.txt" | head -n 1)"
echo "machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
