#!/usr/bin/env bash
# The distributed pool end to end, as separate OS processes on this machine: a nats-server on a free port
# with a temporary store, two worker nodes and a caller mapping a few thousand tasks; one worker is
# SIGKILLed mid-map, its tasks are redelivered to the other, and the caller prints "N of N tasks completed".
# Exits non-zero if any task is missing; leaves no process or file behind.
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-3000}
NATS=$(command -v nats-server || echo /usr/sbin/nats-server)
[ -x "$NATS" ] || { echo "nats-server is not installed (apt-get install nats-server)" >&2; exit 1; }

WORK=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

dotnet build -c Release -v quiet -nologo -o "$WORK/bin" . >/dev/null
APP="$WORK/bin/DistributedPool"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="nats://127.0.0.1:$PORT"
"$NATS" -js -sd "$WORK/store" -a 127.0.0.1 -p "$PORT" >"$WORK/nats.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done

"$APP" --multiproc-worker "$URL" --processes 2 >"$WORK/worker1.log" 2>&1 &
W1=$!; pids+=($W1)
"$APP" --multiproc-worker "$URL" --processes 2 >"$WORK/worker2.log" 2>&1 &
W2=$!; pids+=($W2)
for log in "$WORK/worker1.log" "$WORK/worker2.log"; do
  for _ in $(seq 300); do grep -q "serving queue" "$log" && break; sleep 0.1; done
done
echo "server $URL, workers $W1 and $W2"

"$APP" --caller "$URL" --count "$COUNT" >"$WORK/caller.log" 2>&1 &
CALLER=$!; pids+=($CALLER)

# Mid-map: once a fifth of the tasks are done, SIGKILL worker 1 (its local pool's children die with it).
for _ in $(seq 600); do
  if grep -qE '^progress ' "$WORK/caller.log"; then
    n=$(grep -E '^progress ' "$WORK/caller.log" | tail -1 | sed -E 's#progress ([0-9]+)/.*#\1#')
    [ "$n" -ge $((COUNT / 5)) ] && break
  fi
  kill -0 "$CALLER" 2>/dev/null || break
  sleep 0.05
done
if kill -9 "$W1" 2>/dev/null; then
  wait "$W1" 2>/dev/null || true
  echo "SIGKILLed worker $W1 mid-map, after ${n:-0} of $COUNT tasks"
fi

status=0
wait "$CALLER" || status=$?
cat "$WORK/caller.log"
grep -qE "^$COUNT of $COUNT tasks completed$" "$WORK/caller.log" || status=1
exit "$status"
