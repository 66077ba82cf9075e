using System.Diagnostics;
using System.Globalization;

namespace Multiproc.Benchmarks;

/// <summary>
/// The pool side of mp_bench.py: <c>pool_map_tiny</c> (Pool(2) start, close+join, map throughput) and
/// <c>pool_apply_async_latency</c> (apply_async round trip on a warm pool). Same names, so run.sh can
/// put them side by side.
/// </summary>
internal static class PoolBenchmarks
{
    /// <summary>Runs a pool command; false if <paramref name="command"/> is not one.</summary>
    public static bool TryRun(string command, int n, string suffix)
    {
        switch (command)
        {
            case "pool_map_tiny":
                MapTiny(suffix);
                return true;
            case "pool_apply_async_latency":
                ApplyAsyncLatency(n, suffix);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Pool(2) ready and close+join (median of 3), then map throughput as mp_bench.py measures it.</summary>
    private static void MapTiny(string suffix)
    {
        var ready = new List<double>();
        var closeJoin = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var pool = new Pool(2); // returns when both workers are ready
            long t1 = Stopwatch.GetTimestamp();
            pool.Close();
            pool.Join();
            long t2 = Stopwatch.GetTimestamp();
            pool.Dispose();
            ready.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            closeJoin.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
        }

        Emit("pool2_ready", Median(ready), "ms", suffix);
        Emit("pool2_close_join", Median(closeJoin), "ms", suffix);

        // Like CPython's forkserver row: children prepared ahead (mp_bench.py warms the forkserver before it
        // times Pool(2)). Two idle warm children are waiting; Pool(2) takes them.
        var warmReady = new List<double>();
        try
        {
            Multiprocessing.SetWarmStart(2);
            for (int i = 0; i < 3; i++)
            {
                WaitForIdleChildren(2);
                long t0 = Stopwatch.GetTimestamp();
                using var pool = new Pool(2);
                warmReady.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                pool.Close();
                pool.Join();
            }
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
        }

        Emit("pool2_ready_warm", Median(warmReady), "ms", suffix);

        using var warm = new Pool(2);
        long[] small = Enumerable.Range(0, 1000).Select(i => (long)i).ToArray();
        long[] items = Enumerable.Range(0, 100_000).Select(i => (long)i).ToArray();
        // Warm-up: Python warms with one map of 1000; .NET also needs its JIT tiers settled (both sides).
        for (int i = 0; i < 20; i++)
        {
            warm.Map(Targets.SquareOf, i % 2 == 0 ? small : items);
        }

        var rates = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            long[] r = warm.Map(Targets.SquareOf, items);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Check(r.Length == 100_000 && r[^1] == 99_999L * 99_999L);
            rates.Add(100_000 / seconds);
        }

        Emit("pool_map_100k_default_chunksize", Median(rates), "tasks/s", suffix);
        long[] tenThousand = items[..10_000];
        warm.Map(Targets.SquareOf, small, chunkSize: 1);
        long s0 = Stopwatch.GetTimestamp();
        long[] one = warm.Map(Targets.SquareOf, tenThousand, chunkSize: 1);
        double dt = Stopwatch.GetElapsedTime(s0).TotalSeconds;
        Check(one[^1] == 9_999L * 9_999L);
        Emit("pool_map_10k_chunksize1", 10_000 / dt, "tasks/s", suffix);
    }

    private static void WaitForIdleChildren(int count)
    {
        long deadline = Environment.TickCount64 + 60_000;
        while (Multiprocessing.IdleWarmChildren < count)
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"warm start did not prepare {count} children within 60 s");
            }

            Thread.Sleep(5);
        }
    }

    /// <summary>apply_async(noop).get() on a warm Pool(2): median (and p10/p90) of n after 200 warm-ups.</summary>
    private static void ApplyAsyncLatency(int n, string suffix)
    {
        using var pool = new Pool(2);
        for (int i = 0; i < 200; i++)
        {
            pool.ApplyAsync(Targets.PoolNoop, default).Get();
        }

        var samples = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            pool.ApplyAsync(Targets.PoolNoop, default).Get();
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }

        samples.Sort();
        Emit("pool_apply_async_roundtrip", samples[samples.Count / 2], "us", suffix);
        Emit("pool_apply_async_roundtrip_p10", samples[samples.Count / 10], "us", suffix);
        Emit("pool_apply_async_roundtrip_p90", samples[samples.Count * 9 / 10], "us", suffix);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("pool benchmark produced a wrong result");
        }
    }

    private static void Emit(string name, double value, string unit, string suffix) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}{suffix} {value:G6} {unit}"));
}
