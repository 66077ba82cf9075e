using System.Diagnostics;
using System.Globalization;
using Multiproc.Distributed;

namespace Multiproc.Benchmarks;

/// <summary>
/// The distributed pool over loopback: <c>distributed_map_tiny</c> (tiny tasks/s through nats-server and the
/// worker nodes run.sh started) and <c>distributed_apply_latency</c> (ApplyAsync round trip). The server's
/// URL comes from <c>MULTIPROC_BENCH_NATS_URL</c>; the rows sit beside the local pool's in run.sh's table.
/// </summary>
internal static class DistributedBenchmarks
{
    /// <summary>What the benchmark's callers and worker nodes share.</summary>
    public static readonly DistributedOptions Options = new() { QueueName = "bench" };

    /// <summary>Runs a distributed command; false if <paramref name="command"/> is not one.</summary>
    public static bool TryRun(string command, int n, string suffix)
    {
        switch (command)
        {
            case "distributed_map_tiny":
                Run(pool => MapTiny(pool, suffix));
                return true;
            case "distributed_apply_latency":
                Run(pool => ApplyLatency(pool, n, suffix));
                return true;
            default:
                return false;
        }
    }

    private static void Run(Func<DistributedPool, Task> benchmark)
    {
        string url = Environment.GetEnvironmentVariable("MULTIPROC_BENCH_NATS_URL")
            ?? throw new InvalidOperationException("MULTIPROC_BENCH_NATS_URL is not set (benchmarks/run.sh sets it and starts the server and worker nodes).");
        Task.Run(async () =>
        {
            await using DistributedPool pool = await DistributedPool.ConnectAsync(url, Options);
            await benchmark(pool);
        }).GetAwaiter().GetResult();
    }

    private static async Task MapTiny(DistributedPool pool, string suffix)
    {
        long[] items = Enumerable.Range(0, 100_000).Select(i => (long)i).ToArray();
        for (int i = 0; i < 3; i++)
        {
            await pool.MapAsync(Targets.SquareOf, items.AsMemory(0, 10_000).ToArray());
        }

        var rates = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            long[] r = await pool.MapAsync(Targets.SquareOf, items);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Check(r.Length == 100_000 && r[^1] == 99_999L * 99_999L);
            rates.Add(100_000 / seconds);
        }

        rates.Sort();
        Emit("distributed_map_100k_default_chunksize", rates[1], "tasks/s", suffix);
    }

    private static async Task ApplyLatency(DistributedPool pool, int n, string suffix)
    {
        for (int i = 0; i < 100; i++)
        {
            await pool.ApplyAsync(Targets.PoolNoop, default);
        }

        var samples = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await pool.ApplyAsync(Targets.PoolNoop, default);
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }

        samples.Sort();
        Emit("distributed_apply_roundtrip", samples[samples.Count / 2], "us", suffix);
        Emit("distributed_apply_roundtrip_p90", samples[samples.Count * 9 / 10], "us", suffix);
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("distributed benchmark produced a wrong result");
        }
    }

    private static void Emit(string name, double value, string unit, string suffix) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}{suffix} {value:G6} {unit}"));
}
