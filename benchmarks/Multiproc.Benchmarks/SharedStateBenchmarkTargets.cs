using System.Diagnostics;

namespace Multiproc.Benchmarks;

/// <summary>
/// Children of the shared-state benchmarks, shaped like mp_bench.py's <c>_lock_worker</c>, <c>_event_child</c>
/// and <c>_shm_writer</c>. Times travel back as Stopwatch timestamps/ticks (CLOCK_MONOTONIC, comparable across
/// processes).
/// </summary>
public static class SharedStateBenchmarkTargets
{
    [ProcessTarget]
    public static void LockIncrementWorker(SharedValue<int> value, int count, ProcessBarrier barrier, ProcessQueue<long> times)
    {
        ProcessRLock lk = value.GetLock();
        barrier.Wait();
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            using (lk.Hold())
            {
                value.Value += 1;
            }
        }

        long t1 = Stopwatch.GetTimestamp();
        times.Put(t0);
        times.Put(t1);
    }

    [ProcessTarget]
    public static void EventEchoChild(ProcessEvent e1, ProcessEvent e2, int count)
    {
        for (int i = 0; i < count; i++)
        {
            e1.Wait();
            e1.Clear();
            e2.Set();
        }
    }

    /// <summary>
    /// Writes the whole segment: twice in 1 MiB chunks (mp_bench.py's pattern: first touch, then warm), then
    /// three times as one 256 MiB copy from a pre-touched private buffer (memcpy_bw.c's pattern: a copy that
    /// large streams with non-temporal stores, which 1 MiB copies do not use). Puts the five times.
    /// </summary>
    [ProcessTarget]
    public static void SharedMemoryWriter(SharedMemory shm, ProcessQueue<long> times)
    {
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)i;
        }

        Span<byte> buf = shm.Span;
        for (int pass = 0; pass < 2; pass++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int off = 0; off < buf.Length; off += chunk.Length)
            {
                chunk.AsSpan(0, Math.Min(chunk.Length, buf.Length - off)).CopyTo(buf[off..]);
            }

            times.Put(Stopwatch.GetTimestamp() - t0);
        }

        byte[] source = GC.AllocateUninitializedArray<byte>(buf.Length);
        for (int off = 0; off < source.Length; off += chunk.Length)
        {
            chunk.AsSpan(0, Math.Min(chunk.Length, source.Length - off)).CopyTo(source.AsSpan(off));
        }

        for (int pass = 0; pass < 3; pass++)
        {
            long t0 = Stopwatch.GetTimestamp();
            source.AsSpan().CopyTo(buf);
            times.Put(Stopwatch.GetTimestamp() - t0);
        }
    }
}
