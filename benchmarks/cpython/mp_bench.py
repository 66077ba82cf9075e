#!/usr/bin/env python3
"""The CPython side of benchmarks/run.sh: Python's own multiprocessing doing what
Multiproc.Benchmarks does, so that one run can put the two side by side.

    python3 mp_bench.py [--start-method M] [--suffix S] [--affinity none|same|cross] COMMAND [-n N]

COMMAND is one of: spawn_latency, pool_map_tiny, pool_apply_async_latency,
queue_throughput, pipe_roundtrip, lock_contention, shared_memory_bandwidth,
event_roundtrip, manager_proxy_call.

Every result is printed as one line `name value unit` (run.sh keeps those and
drops lines starting with '#', which are remarks). Latencies are medians unless
the name says _mean. MB/GB are 10^6/10^9 bytes; payload sizes are binary
(1 KiB, 1 MiB). Steady-state measurements use the platform's default start
method (fork on Linux with CPython 3.11-3.13) unless --start-method says
otherwise; start-up measurements cover spawn, forkserver and fork.
"""
# Children started with spawn or forkserver import this file again as their
# __main__: keep the module level light, so that their start-up is not inflated.
import multiprocessing
import time

_clock_ns = time.perf_counter_ns    # CLOCK_MONOTONIC: comparable between processes
_clock = time.perf_counter
_suffix = ""


def report(name, value, unit):
    print(f"{name}{_suffix} {value:.6g} {unit}", flush=True)


def remark(text):
    print(f"# {text}", flush=True)


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def pin_to(cpu):
    """Restrict the calling process to one CPU; None leaves placement to the scheduler."""
    if cpu is not None:
        import os
        os.sched_setaffinity(0, {cpu})


PLACEMENT = {"none": (None, None), "same": (0, 0), "cross": (0, 1)}   # (parent CPU, child CPU)


# Targets live at module level: spawn and forkserver children look them up by name.
def do_nothing(*_):
    return None


def squared(x):
    return x * x


def wait_at(barrier):
    barrier.wait()


# ------------------------------------------------------------------ start-up
def spawn_latency(args):
    """Process(target=noop).start() + join(), per start method; one untimed start first."""
    for method in ("spawn", "forkserver", "fork"):
        context = multiprocessing.get_context(method)
        begin = _clock()
        first = context.Process(target=do_nothing)
        first.start()
        first.join()
        first_ms = (_clock() - begin) * 1e3      # forkserver: includes starting the server
        samples = []
        for _ in range(args.n):
            begin = _clock_ns()
            child = context.Process(target=do_nothing)
            child.start()
            child.join()
            samples.append(_clock_ns() - begin)
            if child.exitcode != 0:
                raise SystemExit(f"{method} child exited with {child.exitcode}")
        report(f"spawn_latency_{method}", median(samples) / 1e6, "ms")
        if method == "forkserver":
            report("spawn_latency_forkserver_first", first_ms, "ms")


# ------------------------------------------------------------------ pools
def pool_map_tiny(args):
    """Pool(2) creation per start method, then map throughput over tiny tasks."""
    import multiprocessing.pool           # noqa: F401  imported before any clock starts
    import multiprocessing.synchronize    # noqa: F401
    server_warmer = multiprocessing.get_context("forkserver").Process(target=do_nothing)
    server_warmer.start()                 # the forkserver is running before Pool(2) is timed
    server_warmer.join()
    for method in ("fork", "forkserver", "spawn"):
        context = multiprocessing.get_context(method)
        everyone = context.Barrier(3)     # two workers' initializers and this process
        begin = _clock()
        pool = context.Pool(2, initializer=wait_at, initargs=(everyone,))
        created = _clock()
        everyone.wait()
        ready = _clock()
        pool.close()
        pool.join()
        joined = _clock()
        report(f"pool2_create_{method}", (created - begin) * 1e3, "ms")
        report(f"pool2_ready_{method}", (ready - begin) * 1e3, "ms")
        report(f"pool2_close_join_{method}", (joined - ready) * 1e3, "ms")

    context = multiprocessing.get_context(args.start_method)
    remark(f"map throughput with start method {context.get_start_method()}")
    with context.Pool(2) as pool:
        pool.map(squared, range(1000))
        rates = []
        for _ in range(3):
            begin = _clock()
            result = pool.map(squared, range(100_000))
            rates.append(100_000 / (_clock() - begin))
            assert len(result) == 100_000 and result[-1] == 99_999 * 99_999
        report("pool_map_100k_default_chunksize", median(rates), "tasks/s")
        begin = _clock()
        result = pool.map(squared, range(10_000), chunksize=1)
        report("pool_map_10k_chunksize1", 10_000 / (_clock() - begin), "tasks/s")
        assert result[-1] == 9_999 * 9_999


def pool_apply_async_latency(args):
    """apply_async(noop).get() round trip on a warmed Pool(2)."""
    context = multiprocessing.get_context(args.start_method)
    with context.Pool(2) as pool:
        for _ in range(200):
            pool.apply_async(do_nothing).get()
        samples = []
        for _ in range(args.n):
            begin = _clock_ns()
            pool.apply_async(do_nothing).get()
            samples.append(_clock_ns() - begin)
    report("pool_apply_async_roundtrip", median(samples) / 1e3, "us")


# ------------------------------------------------------------------ queues
def queue_producer(queue, start, count, item, results):
    start.wait()
    began = _clock()
    if item is None:
        for i in range(count):
            queue.put(i)
    else:
        for _ in range(count):
            queue.put(item)
    results.put(("producer", began, None))
    # Exiting joins the queue's feeder thread, which flushes what is still buffered.


def queue_consumer(queue, start, count, results):
    start.wait()
    last = None
    for _ in range(count):
        last = queue.get()
    results.put(("consumer", _clock(), last if isinstance(last, int) else len(last)))


def time_queue(context, count, item):
    """Seconds from the producer's first put to the consumer's last get, across two children."""
    queue, results, start = context.Queue(), context.SimpleQueue(), context.Barrier(3)
    children = [context.Process(target=queue_producer, args=(queue, start, count, item, results)),
                context.Process(target=queue_consumer, args=(queue, start, count, results))]
    for child in children:
        child.start()
    start.wait()
    seen = {}
    for _ in children:
        role, when, last = results.get()
        seen[role] = (when, last)
    for child in children:
        child.join()
    expected = count - 1 if item is None else len(item)
    assert seen["consumer"][1] == expected, seen
    return seen["consumer"][0] - seen["producer"][0]


def queue_throughput(args):
    context = multiprocessing.get_context(args.start_method)
    seconds = time_queue(context, 200_000, None)
    report("queue_smallint_200k", 200_000 / seconds, "msgs/s")
    kib = bytes(range(256)) * 4
    seconds = time_queue(context, 50_000, kib)
    report("queue_1KiB_msgs", 50_000 / seconds, "msgs/s")
    report("queue_1KiB_bw", 50_000 * len(kib) / seconds / 1e6, "MB/s")
    mib = bytes(range(256)) * 4096
    seconds = time_queue(context, 400, mib)
    report("queue_1MiB_bw", 400 * len(mib) / seconds / 1e6, "MB/s")


# ------------------------------------------------------------------ pipes
def pipe_echo(connection, count, cpu):
    pin_to(cpu)
    for _ in range(count):
        connection.send(connection.recv())


def pipe_stream(connection, count, size, cpu):
    pin_to(cpu)
    block = bytes(range(256)) * (size // 256)
    connection.recv()                     # the parent is ready to read
    for _ in range(count):
        connection.send_bytes(block)


def pipe_roundtrip(args):
    """Pipe() ping-pong of a small object, then one-way 1 MiB send_bytes throughput."""
    context = multiprocessing.get_context(args.start_method)
    parent_cpu, child_cpu = PLACEMENT[args.affinity]
    pin_to(parent_cpu)
    warmup = 500
    ours, theirs = context.Pipe()         # duplex: an AF_UNIX socketpair on Linux
    echo = context.Process(target=pipe_echo, args=(theirs, args.n + warmup, child_cpu))
    echo.start()
    message = (42, "x")
    for _ in range(warmup):
        ours.send(message)
        ours.recv()
    samples = []
    for _ in range(args.n):
        begin = _clock_ns()
        ours.send(message)
        ours.recv()
        samples.append(_clock_ns() - begin)
    echo.join()
    report("pipe_pingpong_small_obj", median(samples) / 1e3, "us")
    report("pipe_pingpong_small_obj_mean", sum(samples) / len(samples) / 1e3, "us")

    count, size = 512, 1 << 20
    ours, theirs = context.Pipe()
    stream = context.Process(target=pipe_stream, args=(theirs, count, size, child_cpu))
    stream.start()
    ours.send("go")
    begin = _clock()
    received = sum(len(ours.recv_bytes()) for _ in range(count))
    seconds = _clock() - begin
    stream.join()
    assert received == count * size
    report("pipe_send_bytes_1MiB_bw", received / seconds / 1e6, "MB/s")


# ------------------------------------------------------------------ locks and events
def locked_increments(value, count, start, results):
    lock = value.get_lock()
    start.wait()
    began = _clock()
    for _ in range(count):
        with lock:
            value.value += 1
    results.put((began, _clock()))


def lock_contention(args):
    """Value('i') incremented under its lock: this process alone, then two children at once."""
    context = multiprocessing.get_context(args.start_method)
    count = args.n
    value = context.Value("i", 0)
    lock = value.get_lock()
    begin = _clock()
    for _ in range(count):
        with lock:
            value.value += 1
    report("lock_value_incr_uncontended_1proc", count / (_clock() - begin), "ops/s")
    value.value = 0
    results, start = context.SimpleQueue(), context.Barrier(3)
    workers = [context.Process(target=locked_increments, args=(value, count, start, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    start.wait()
    spans = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    seconds = max(end for _, end in spans) - min(began for began, _ in spans)
    report("lock_value_incr_contended_2proc", 2 * count / seconds, "ops/s")
    correct = value.value == 2 * count
    report("lock_value_final_correct", 1 if correct else 0, "bool")
    if not correct:
        remark(f"final value {value.value}, expected {2 * count}")


def event_partner(ping, pong, count, cpu):
    pin_to(cpu)
    for _ in range(count):
        ping.wait()
        ping.clear()
        pong.set()


def event_roundtrip(args):
    """Set an Event the other process waits on; it clears it and sets one this process waits on."""
    context = multiprocessing.get_context(args.start_method)
    parent_cpu, child_cpu = PLACEMENT[args.affinity]
    pin_to(parent_cpu)
    warmup = 200
    ping, pong = context.Event(), context.Event()
    partner = context.Process(target=event_partner, args=(ping, pong, args.n + warmup, child_cpu))
    partner.start()
    samples = []
    for i in range(args.n + warmup):
        begin = _clock_ns()
        ping.set()
        pong.wait()
        pong.clear()
        if i >= warmup:
            samples.append(_clock_ns() - begin)
    partner.join()
    report("event_set_wait_roundtrip", median(samples) / 1e3, "us")


# ------------------------------------------------------------------ shared memory
def shm_fill(name, size, results):
    from multiprocessing import shared_memory
    segment = shared_memory.SharedMemory(name=name)
    view = segment.buf
    block = bytes(range(256)) * 4096      # 1 MiB
    timings = []
    for _ in range(2):                    # first pass faults the pages in; the second finds them present
        begin = _clock()
        for offset in range(0, size, len(block)):
            view[offset:offset + len(block)] = block
        timings.append(_clock() - begin)
    results.put(tuple(timings))
    del view
    segment.close()


def shared_memory_bandwidth(args):
    """A 256 MiB SharedMemory: create it, a child writes it twice, this process copies it out twice."""
    from multiprocessing import shared_memory
    context = multiprocessing.get_context(args.start_method)
    size = 256 << 20
    try:
        import numpy
    except ImportError:
        numpy = None
        remark("numpy is not installed: the parent's read is a memoryview copy into a private, "
               "already-touched buffer (memcpy-bound), not a numpy sum")
    begin = _clock()
    segment = shared_memory.SharedMemory(create=True, size=size)
    report("shm_create_256MiB", (_clock() - begin) * 1e3, "ms")
    try:
        if numpy is None:
            target = bytearray(size)
            target_view = memoryview(target)
            zeros = bytes(1 << 20)
            for offset in range(0, size, len(zeros)):
                target_view[offset:offset + len(zeros)] = zeros
        results = context.SimpleQueue()
        writer = context.Process(target=shm_fill, args=(segment.name, size, results))
        writer.start()
        first, again = results.get()
        writer.join()
        report("shm_child_write_first_touch", size / first / 1e9, "GB/s")
        report("shm_child_write_warm", size / again / 1e9, "GB/s")
        for label in ("first", "warm"):
            begin = _clock()
            if numpy is not None:
                int(numpy.frombuffer(segment.buf, dtype=numpy.uint64).sum())
                kind = "numpy_sum"
            else:
                target_view[:] = segment.buf
                kind = "memview_copy"
            report(f"shm_parent_read_{kind}_{label}", size / (_clock() - begin) / 1e9, "GB/s")
        if numpy is None:
            assert target[size - 1] == 255 and target[4097] == 4097 % 256
            del target_view
    finally:
        segment.close()
        segment.unlink()


# ------------------------------------------------------------------ managers
def timed_calls(call, count):
    """Median wall time of count calls of call(i), in microseconds."""
    samples = []
    for i in range(count):
        begin = _clock_ns()
        call(i)
        samples.append(_clock_ns() - begin)
    return median(samples) / 1e3


def manager_proxy_call(args):
    """Manager() start, a proxied list's append and dict's item assignment from the parent, shutdown."""
    context = multiprocessing.get_context(args.start_method)
    begin = _clock()
    manager = context.Manager()
    report("manager_start", (_clock() - begin) * 1e3, "ms")
    try:
        shared_list = manager.list()
        append = shared_list.append
        for i in range(200):                      # warm-up
            append(i)
        report("manager_list_append", timed_calls(append, args.n), "us")
        assert len(shared_list) == args.n + 200
        shared_dict = manager.dict()
        for i in range(200):
            shared_dict[i] = i
        report("manager_dict_setitem", timed_calls(lambda i: shared_dict.__setitem__(i, i), args.n), "us")
        assert len(shared_dict) == max(args.n, 200)
    finally:
        begin = _clock()
        manager.shutdown()
        report("manager_shutdown", (_clock() - begin) * 1e3, "ms")


COMMANDS = {
    "spawn_latency": (spawn_latency, 20),
    "pool_map_tiny": (pool_map_tiny, 0),
    "pool_apply_async_latency": (pool_apply_async_latency, 5000),
    "queue_throughput": (queue_throughput, 0),
    "pipe_roundtrip": (pipe_roundtrip, 20_000),
    "lock_contention": (lock_contention, 100_000),
    "shared_memory_bandwidth": (shared_memory_bandwidth, 0),
    "event_roundtrip": (event_roundtrip, 5000),
    "manager_proxy_call": (manager_proxy_call, 20_000),
}


def main():
    import argparse
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--start-method", default=multiprocessing.get_start_method(),
                        choices=["fork", "forkserver", "spawn"], help="for steady-state measurements")
    parser.add_argument("--suffix", default="", help="appended to every measurement name")
    parser.add_argument("--affinity", default="none", choices=sorted(PLACEMENT),
                        help="pipe_roundtrip, event_roundtrip: both on CPU 0 (same), on CPUs 0 and 1 (cross)")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (_, default_n) in COMMANDS.items():
        commands.add_parser(name).add_argument("-n", type=int, default=default_n, help="iterations")
    args = parser.parse_args()
    global _suffix
    _suffix = args.suffix
    COMMANDS[args.command][0](args)


if __name__ == "__main__":
    main()
