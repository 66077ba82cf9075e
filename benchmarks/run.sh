#!/usr/bin/env bash
# Multiproc beside CPython's multiprocessing and the raw OS baselines, in one run; prints ratios.
#
#   benchmarks/run.sh            (REPS=3 by default: every command runs REPS times, interleaved;
#                                 the table shows the median of the repetitions)
#
# Everything it runs is in this folder: Multiproc.Benchmarks (ours), cpython/mp_bench.py (the same measurements
# with CPython's multiprocessing), c/*.c (the raw OS floors) and EmptyProgram (an empty NativeAOT binary).
# Needs: the .NET SDK, python3, a C compiler (cc), taskset (util-linux); clang + zlib1g-dev for the NativeAOT rows.
# Writes: benchmarks/results/latest.txt (raw lines) and prints the comparison table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks
REPS=${REPS:-3}
WORK=$(mktemp -d /tmp/multiproc-bench.XXXXXX)
NATS_PIDS=()
stop_nats() { for pid in "${NATS_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; NATS_PIDS=(); }
trap 'stop_nats; rm -rf "$WORK"' EXIT
RAW=$ROOT/benchmarks/results/latest.txt
mkdir -p "$(dirname "$RAW")"
: > "$RAW"

log() { echo "[bench $(date +%T)] $*" >&2; }

log "building Multiproc.Benchmarks (Release, apphost)"
dotnet build -c Release "$ROOT/benchmarks/Multiproc.Benchmarks/Multiproc.Benchmarks.csproj" -o "$WORK/app" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
APP="$WORK/app/Multiproc.Benchmarks"
log "publishing trimmed self-contained (net10.0) and NativeAOT (net10.0; needs clang + zlib1g-dev) variants"
TRIMMED=""; TRIMMED_R2R=""; AOT=""
if dotnet publish -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true "$ROOT/benchmarks/Multiproc.Benchmarks/Multiproc.Benchmarks.csproj" -o "$WORK/trimmed" -v q -nologo >"$WORK/trim.log" 2>&1; then
  TRIMMED="$WORK/trimmed/Multiproc.Benchmarks"
else
  log "trimmed publish failed (see below); skipping its rows"; tail -5 "$WORK/trim.log" >&2
fi
# Trimming drops the framework's ReadyToRun code; PublishReadyToRun=true puts it back (for the app and Multiproc too).
if dotnet publish -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -p:PublishReadyToRun=true "$ROOT/benchmarks/Multiproc.Benchmarks/Multiproc.Benchmarks.csproj" -o "$WORK/trimmed_r2r" -v q -nologo >"$WORK/trim_r2r.log" 2>&1; then
  TRIMMED_R2R="$WORK/trimmed_r2r/Multiproc.Benchmarks"
else
  log "trimmed ReadyToRun publish failed (see below); skipping its rows"; tail -5 "$WORK/trim_r2r.log" >&2
fi
if dotnet publish -c Release -r linux-x64 -p:PublishAot=true "$ROOT/benchmarks/Multiproc.Benchmarks/Multiproc.Benchmarks.csproj" -o "$WORK/aot" -v q -nologo >"$WORK/aot.log" 2>&1; then
  AOT="$WORK/aot/Multiproc.Benchmarks"
else
  log "NativeAOT publish failed (is clang installed?); skipping its rows"; tail -5 "$WORK/aot.log" >&2
fi
# The floor for a NativeAOT child: an empty NativeAOT program, started and reaped by c/spawn.c like /bin/true.
SMALL_AOT=""
# A Multiproc program of ordinary size (only Multiproc and a no-op target): its NativeAOT start→join.
if dotnet publish -c Release -r linux-x64 -p:PublishAot=true "$BENCH/SmallSpawn/SmallSpawn.csproj" -o "$WORK/small_aot" -v q -nologo >"$WORK/small_aot.log" 2>&1; then
  SMALL_AOT="$WORK/small_aot/SmallSpawn"
else
  log "NativeAOT publish of SmallSpawn failed; skipping its row"; tail -5 "$WORK/small_aot.log" >&2
fi
EMPTY_AOT=""
if dotnet publish -c Release -r linux-x64 -p:PublishAot=true "$BENCH/EmptyProgram/EmptyProgram.csproj" -o "$WORK/empty_aot" -v q -nologo >"$WORK/empty_aot.log" 2>&1; then
  EMPTY_AOT="$WORK/empty_aot/EmptyProgram"
else
  log "NativeAOT publish of EmptyProgram failed; skipping its row"; tail -5 "$WORK/empty_aot.log" >&2
fi
PY=$(python3 -c 'import sys; print(sys.executable)')
MPBENCH="$BENCH/cpython/mp_bench.py"
CC=${CC:-cc}
log "building the C baselines ($CC)"
for prog in spawn memcpy_bw pingpong; do
  "$CC" -O2 -o "$WORK/$prog" "$BENCH/c/$prog.c"
done

# run LABEL cmd… : prefix every measurement line with LABEL
run() {
  local label=$1; shift
  "$@" 2>>"$WORK/stderr.log" | grep -v '^#' | awk -v l="$label" 'NF >= 3 { print l, $1, $2, $3 }' >> "$RAW" || log "FAILED: $*"
}

# The distributed pool: a nats-server on a free loopback port (temporary store) and two worker nodes of one
# process each (the benchmark program in worker mode), so its rows compare with the local Pool(2)'s.
NATS_URL=""
NATS=$(command -v nats-server || { [ -x /usr/sbin/nats-server ] && echo /usr/sbin/nats-server; } || true)
if [ -n "$NATS" ]; then
  NATS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  "$NATS" -js -sd "$WORK/nats" -a 127.0.0.1 -p "$NATS_PORT" >"$WORK/nats.log" 2>&1 & NATS_PIDS+=($!)
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null && break; sleep 0.1; done
  NATS_URL="nats://127.0.0.1:$NATS_PORT"
  for node in 1 2; do "$APP" --multiproc-worker "$NATS_URL" --processes 1 >"$WORK/node$node.log" 2>&1 & NATS_PIDS+=($!); done
  for node in 1 2; do for _ in $(seq 300); do grep -q "serving queue" "$WORK/node$node.log" && break; sleep 0.1; done; done
else
  log "nats-server is not installed (apt-get install nats-server); skipping the distributed pool rows"
fi

for rep in $(seq 1 "$REPS"); do
  log "repetition $rep/$REPS"
  run multiproc "$APP" spawn_latency -n 20 --suffix _apphost
  run multiproc "$APP" spawn_latency_warm -n 20 --suffix _apphost
  [ -n "$TRIMMED" ] && run multiproc "$TRIMMED" spawn_latency -n 20 --suffix _trimmed
  [ -n "$TRIMMED_R2R" ] && run multiproc "$TRIMMED_R2R" spawn_latency -n 20 --suffix _trimmed_r2r
  [ -n "$AOT" ] && run multiproc "$AOT" spawn_latency -n 20 --suffix _nativeaot
  [ -n "$AOT" ] && run multiproc "$AOT" spawn_latency_warm -n 20 --suffix _nativeaot
  run multiproc dotnet "$WORK/app/Multiproc.Benchmarks.dll" spawn_latency -n 20 --suffix _dll
  run cpython "$PY" "$MPBENCH" spawn_latency -n 20
  run multiproc "$APP" pool_map_tiny
  run multiproc "$APP" pool_apply_async_latency -n 5000
  run cpython "$PY" "$MPBENCH" pool_map_tiny
  run cpython "$PY" "$MPBENCH" pool_apply_async_latency -n 5000
  run c "$WORK/spawn" -n 200 -u ms -l spawn_posix_spawn_true
  [ -n "$EMPTY_AOT" ] && run c "$WORK/spawn" -n 200 -u ms -l spawn_posix_spawn_empty_nativeaot "$EMPTY_AOT"
  # The same floor for the benchmark binary itself (12 MB, Multiproc.Distributed and its NATS client in it): its Main
  # returns right after TryRunChild. What the runtime does before Main grows with the binary (rehydrating its type data).
  [ -n "$AOT" ] && run c "$WORK/spawn" -n 200 -u ms -l spawn_posix_spawn_same_binary_nativeaot "$AOT" exit_at_once
  [ -n "$SMALL_AOT" ] && run multiproc "$SMALL_AOT" -n 200
  run multiproc "$APP" queue_throughput
  run cpython "$PY" "$MPBENCH" queue_throughput
  run multiproc "$APP" lock_contention
  run multiproc "$APP" event_roundtrip -n 5000
  run multiproc "$APP" shared_memory_bandwidth
  run cpython "$PY" "$MPBENCH" lock_contention
  run cpython "$PY" "$MPBENCH" event_roundtrip -n 5000
  # both processes on CPU 0 (taskset's mask is inherited by the child; CPython pins itself with --affinity)
  run multiproc taskset -c 0 "$APP" event_roundtrip -n 5000 --suffix _same
  run cpython "$PY" "$MPBENCH" --affinity same --suffix _same event_roundtrip -n 5000
  run cpython "$PY" "$MPBENCH" shared_memory_bandwidth
  run c "$WORK/memcpy_bw"
  run multiproc "$APP" pipe_roundtrip
  run cpython "$PY" "$MPBENCH" pipe_roundtrip
  run c "$WORK/pingpong" socketpair 50000
  run c "$WORK/pingpong" pipe 50000
  # pinned: both on CPU 0 (same), or parent on CPU 0 and child on CPU 1 (cross); judge the pipe goal on these
  for placement in same cross; do
    run multiproc "$APP" pipe_roundtrip --affinity "$placement" --suffix "_$placement"
    run cpython "$PY" "$MPBENCH" --affinity "$placement" --suffix "_$placement" pipe_roundtrip
    run c "$WORK/pingpong" socketpair 50000 "$placement"
    # the same socketpair carrying a framed message, received header then body: the system calls a Connection makes
    run c "$WORK/pingpong" framed 50000 "$placement"
  done
  [ -n "$NATS_URL" ] && run multiproc env MULTIPROC_BENCH_NATS_URL="$NATS_URL" "$APP" distributed_map_tiny
  [ -n "$NATS_URL" ] && run multiproc env MULTIPROC_BENCH_NATS_URL="$NATS_URL" "$APP" distributed_apply_latency -n 2000
  run multiproc "$APP" manager_proxy_call
  run multiproc "$APP" manager_start_warm
  run cpython "$PY" "$MPBENCH" manager_proxy_call
done
stop_nats
leaked=$(ls /dev/shm | grep -c '^mp_' || true)
[ "$leaked" = 0 ] || log "WARNING: $leaked /dev/shm/mp_* entries left after the run"

python3 - "$RAW" <<'PY'
import sys, statistics, collections
vals = collections.defaultdict(list); units = {}
for line in open(sys.argv[1]):
    impl, name, value, unit = line.split()
    vals[(impl, name)].append(float(value)); units[(impl, name)] = unit
med = {k: statistics.median(v) for k, v in vals.items()}
print(f"\n{'measurement':42} {'value':>10} {'unit':5}  (median of {max(len(v) for v in vals.values())} repetitions)")
for (impl, name), v in sorted(med.items()):
    print(f"{impl + ':' + name:42} {v:10.4g} {units[(impl, name)]:5}")
# (ours, theirs, what the ratio means); lower is better for latencies
pairs = [
    ("multiproc:spawn_latency_apphost", "cpython:spawn_latency_spawn", "start→join, apphost vs CPython spawn"),
    ("multiproc:spawn_latency_apphost", "cpython:spawn_latency_forkserver", "start→join, apphost vs CPython forkserver"),
    ("multiproc:spawn_latency_apphost", "cpython:spawn_latency_fork", "start→join, apphost vs CPython fork"),
    ("multiproc:spawn_latency_warm_apphost", "cpython:spawn_latency_forkserver", "start→join, warm apphost vs CPython forkserver"),
    ("multiproc:spawn_latency_warm_apphost", "cpython:spawn_latency_fork", "start→join, warm apphost vs CPython fork"),
    ("multiproc:spawn_latency_warm_nativeaot", "cpython:spawn_latency_fork", "start→join, warm NativeAOT vs CPython fork (goal < 1)"),
    ("multiproc:spawn_latency_dll", "cpython:spawn_latency_spawn", "start→join, dotnet app.dll vs CPython spawn"),
    ("multiproc:spawn_latency_apphost", "c:spawn_posix_spawn_true", "start→join, apphost vs posix_spawn(/bin/true)"),
    ("multiproc:spawn_latency_trimmed", "cpython:spawn_latency_spawn", "start→join, trimmed vs CPython spawn"),
    ("multiproc:spawn_latency_trimmed", "c:spawn_posix_spawn_true", "start→join, trimmed vs posix_spawn(/bin/true)"),
    ("multiproc:spawn_latency_trimmed_r2r", "cpython:spawn_latency_spawn", "start→join, trimmed + ReadyToRun vs CPython spawn"),
    ("multiproc:spawn_latency_nativeaot", "cpython:spawn_latency_spawn", "start→join, NativeAOT vs CPython spawn"),
    ("multiproc:spawn_latency_nativeaot", "cpython:spawn_latency_forkserver", "start→join, NativeAOT vs CPython forkserver"),
    ("multiproc:spawn_latency_nativeaot", "cpython:spawn_latency_fork", "start→join, NativeAOT vs CPython fork"),
    ("multiproc:spawn_latency_nativeaot", "c:spawn_posix_spawn_true", "start→join, NativeAOT vs posix_spawn(/bin/true)"),
    ("multiproc:spawn_latency_nativeaot", "c:spawn_posix_spawn_empty_nativeaot", "start→join, NativeAOT vs empty NativeAOT program (goal <= 1.3)"),
    ("c:spawn_posix_spawn_empty_nativeaot", "c:spawn_posix_spawn_true", "empty NativeAOT program vs /bin/true"),
    ("multiproc:spawn_latency_nativeaot", "c:spawn_posix_spawn_same_binary_nativeaot", "start→join, NativeAOT vs the same binary returning at once"),
    ("multiproc:spawn_latency_small", "c:spawn_posix_spawn_empty_nativeaot", "start→join, small NativeAOT program vs empty NativeAOT program"),
    ("c:spawn_posix_spawn_same_binary_nativeaot", "c:spawn_posix_spawn_empty_nativeaot", "the benchmark binary returning at once vs empty NativeAOT program"),
    # throughputs: higher is better (goal for small messages: ours/theirs >= 10)
    ("multiproc:queue_smallint_200k", "cpython:queue_smallint_200k", "Queue small ints msgs/s (higher is better)"),
    ("multiproc:queue_1KiB_msgs", "cpython:queue_1KiB_msgs", "Queue 1 KiB msgs/s (higher is better)"),
    ("multiproc:queue_1KiB_bw", "cpython:queue_1KiB_bw", "Queue 1 KiB MB/s (higher is better)"),
    ("multiproc:queue_1MiB_bw", "cpython:queue_1MiB_bw", "Queue 1 MiB MB/s (higher is better)"),
    # Pipe (issue "Message passing": round trip <= 1.5x the raw C socketpair ping-pong, which is what Pipe() is)
    ("multiproc:pipe_pingpong_small_obj", "cpython:pipe_pingpong_small_obj", "Pipe small obj round trip, us (lower is better)"),
    ("multiproc:pipe_pingpong_small_obj_mean", "cpython:pipe_pingpong_small_obj_mean", "Pipe small obj round trip mean, us"),
    ("multiproc:pipe_pingpong_small_obj", "c:c_socketpair_pingpong", "Pipe round trip vs C socketpair, us (goal <= 1.5)"),
    ("multiproc:pipe_pingpong_small_obj_mean", "c:c_socketpair_pingpong_mean", "Pipe round trip mean vs C socketpair mean, us"),
    ("multiproc:pipe_pingpong_small_obj_p10", "c:c_socketpair_pingpong_p10", "Pipe round trip p10 vs C socketpair p10, us"),
    ("multiproc:pipe_pingpong_small_obj", "c:c_pipe_pingpong", "Pipe round trip vs C pipe(2) ping-pong, us"),
    ("multiproc:pipe_pingpong_small_obj_same", "c:c_socketpair_pingpong_same", "Pipe round trip, both on CPU 0, vs C socketpair (goal <= 1.5)"),
    ("multiproc:pipe_pingpong_small_obj_cross", "c:c_socketpair_pingpong_cross", "Pipe round trip, CPUs 0/1, vs C socketpair (goal <= 1.5)"),
    ("multiproc:pipe_pingpong_small_obj_same", "c:c_framed_pingpong_same", "Pipe round trip, both on CPU 0, vs C with the same framing"),
    ("c:c_framed_pingpong_same", "c:c_socketpair_pingpong_same", "C framed message vs C one byte, both on CPU 0"),
    ("multiproc:pipe_pingpong_small_obj_same", "cpython:pipe_pingpong_small_obj_same", "Pipe round trip, both on CPU 0, vs CPython, us"),
    ("multiproc:pipe_pingpong_small_obj_cross", "cpython:pipe_pingpong_small_obj_cross", "Pipe round trip, CPUs 0/1, vs CPython, us"),
    # Managers (issue "Managers": proxy call <= 0.25x CPython and within 2x a raw socketpair round trip; start <= CPython)
    ("multiproc:manager_start", "cpython:manager_start", "Manager() start, ms (goal <= 1)"),
    ("multiproc:manager_start_warm", "cpython:manager_start", "Manager() start with warm start on, ms (goal <= 1)"),
    ("multiproc:manager_list_append", "cpython:manager_list_append", "manager list append, us (goal <= 0.25)"),
    ("multiproc:manager_dict_setitem", "cpython:manager_dict_setitem", "manager dict set, us (goal <= 0.25)"),
    ("multiproc:manager_list_append", "c:c_socketpair_pingpong", "manager list append vs C socketpair round trip (goal <= 2)"),
    ("multiproc:manager_list_append_connected", "cpython:manager_list_append", "manager list append, connected by address (as a child), us (goal <= 0.25)"),
    ("multiproc:manager_shutdown", "cpython:manager_shutdown", "manager shutdown, ms (lower better)"),
    ("multiproc:pipe_send_bytes_1MiB_bw", "cpython:pipe_send_bytes_1MiB_bw", "Pipe 1 MiB send_bytes MB/s (higher is better)"),
    ("multiproc:pool_map_100k_default_chunksize", "cpython:pool_map_100k_default_chunksize", "Pool(2) map 100k tiny, tasks/s (goal >= 3)"),
    ("multiproc:pool_map_10k_chunksize1", "cpython:pool_map_10k_chunksize1", "Pool(2) map 10k chunksize 1, tasks/s (higher better)"),
    ("multiproc:pool_apply_async_roundtrip", "cpython:pool_apply_async_roundtrip", "apply_async round trip, us (goal < 1)"),
    ("multiproc:pool2_ready", "cpython:pool2_ready_spawn", "Pool(2) ready vs CPython spawn, ms"),
    # the distributed pool (2 worker nodes of 1 process, nats-server over loopback) beside the local Pool(2)
    ("multiproc:distributed_map_100k_default_chunksize", "multiproc:pool_map_100k_default_chunksize", "distributed vs local map 100k tiny, tasks/s (goal >= 20k)"),
    ("multiproc:distributed_apply_roundtrip", "multiproc:pool_apply_async_roundtrip", "distributed vs local ApplyAsync round trip p50, us"),
    ("multiproc:distributed_apply_roundtrip_p90", "multiproc:pool_apply_async_roundtrip_p90", "distributed vs local ApplyAsync round trip p90, us"),
    ("multiproc:pool2_ready", "cpython:pool2_ready_forkserver", "Pool(2) ready vs CPython forkserver, ms"),
    ("multiproc:pool2_close_join", "cpython:pool2_close_join_spawn", "Pool(2) close+join vs CPython spawn, ms"),
    # shared state: lock throughput higher is better (goal >= 5); event round trip lower is better
    ("multiproc:lock_value_incr_uncontended_1proc", "cpython:lock_value_incr_uncontended_1proc", "Value locked incr, 1 proc, ops/s (goal >= 5)"),
    ("multiproc:lock_value_incr_contended_2proc", "cpython:lock_value_incr_contended_2proc", "Value locked incr, 2 procs, ops/s (goal >= 5)"),
    ("multiproc:event_set_wait_roundtrip", "cpython:event_set_wait_roundtrip", "Event set/wait round trip, us (lower better)"),
    ("multiproc:event_set_wait_roundtrip_same", "cpython:event_set_wait_roundtrip_same", "Event round trip, both on CPU 0, us (lower better)"),
    ("multiproc:shm_child_write_warm", "cpython:shm_child_write_warm", "shm child write warm, GB/s (higher better)"),
    ("multiproc:shm_parent_read_copy_warm", "cpython:shm_parent_read_memview_copy_warm", "shm parent copy-out warm, GB/s (higher better)"),
    ("multiproc:shm_child_write_warm", "c:c_memcpy_256MiB_warm", "shm child write warm, 1 MiB chunks, vs C memcpy"),
    ("multiproc:shm_child_write_bulk_warm_med3", "c:c_memcpy_256MiB_warm", "shm child write, one 256 MiB copy, vs C memcpy (goal >= 0.8)"),
    ("multiproc:shm_parent_read_copy_warm", "c:c_shm_memcpy_out_warm", "shm copy-out warm vs C shm memcpy (goal >= 0.8)"),
    ("multiproc:shm_parent_read_copy_warm_med5", "c:c_shm_memcpy_out_warm", "shm copy-out warm med5 vs C shm memcpy med5"),
    ("multiproc:shm_parent_read_copy_warm", "c:c_memcpy_256MiB_warm", "shm copy-out warm vs C private memcpy"),
]
print(f"\n{'comparison':52} {'ours':>9} {'theirs':>9} {'ours/theirs':>11}")
for ours, theirs, what in pairs:
    a = med.get(tuple(ours.split(':', 1))); b = med.get(tuple(theirs.split(':', 1)))
    if a is None or b is None:
        print(f"{what:52} {'n/a':>9} {'n/a':>9}"); continue
    print(f"{what:52} {a:9.4g} {b:9.4g} {a / b:11.3g}")
PY
