using System.Diagnostics;
using System.Globalization;

namespace Multiproc.Benchmarks;

/// <summary>The benchmark commands; each does a fixed amount of work and prints its measurements.</summary>
internal static class BenchmarkCommands
{
    private static string s_suffix = string.Empty;
    private static string s_affinity = "none";

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Multiproc.Benchmarks spawn_latency|spawn_latency_warm|queue_throughput|queue_local|pool_map_tiny|pool_apply_async_latency|lock_contention|event_roundtrip|shared_memory_bandwidth|pipe_roundtrip|manager_proxy_call|manager_start_warm [-n N] [--suffix S] [--affinity none|same|cross]");
            return 2;
        }

        int? nOption = null;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-n":
                    nOption = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--suffix":
                    s_suffix = args[++i];
                    break;
                case "--affinity":
                    s_affinity = args[++i];
                    if (s_affinity is not ("none" or "same" or "cross"))
                    {
                        Console.Error.WriteLine($"--affinity must be none, same or cross, not '{s_affinity}'");
                        return 2;
                    }

                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        int n = nOption ?? 20;
        switch (args[0])
        {
            case "spawn_latency":
                SpawnLatency(n);
                return 0;
            case "spawn_latency_warm":
                SpawnLatencyWarm(n);
                return 0;
            case "queue_throughput":
                QueueBenchmarks.Throughput();
                return 0;
            case "queue_local":
                QueueBenchmarks.SingleThread();
                return 0;
            case "pipe_roundtrip":
                PipeBenchmarks.RoundTrip(nOption ?? 20_000, CpuPlacement.Parse(s_affinity)); // mp_bench.py's default n
                return 0;
            case "manager_proxy_call":
                ManagerBenchmarks.ProxyCall(nOption ?? 20_000); // mp_bench.py's default n
                return 0;
            case "manager_start_warm":
                ManagerBenchmarks.StartWarm(nOption ?? 10);
                return 0;
            case var pool when PoolBenchmarks.TryRun(pool, n, s_suffix):
                return 0;
            case var shared when SharedStateBenchmarks.TryRun(shared, nOption):
                return 0;
            case var distributed when DistributedBenchmarks.TryRun(distributed, n, s_suffix):
                return 0;
            default:
                Console.Error.WriteLine($"unknown command {args[0]}");
                return 2;
        }
    }

    /// <summary>Start→join of a no-op child, like mp_bench.py's spawn_latency (median of n, after one warm-up).</summary>
    private static void SpawnLatency(int n)
    {
        Spawn.Noop().Join();
        var samples = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Process p = Spawn.Noop();
            p.Join();
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"child exited with {p.ExitCode}");
            }

            p.Close();
        }

        samples.Sort();
        Emit("spawn_latency", Percentile(samples, 0.5), "ms");
        Emit("spawn_latency_p10", Percentile(samples, 0.1), "ms");
        Emit("spawn_latency_p90", Percentile(samples, 0.9), "ms");
    }

    /// <summary>
    /// Start→join with warm start on: before each start the idle child is replaced, so this is the latency of
    /// a start that finds an idle child (the refill costs a cold start in the background).
    /// </summary>
    private static void SpawnLatencyWarm(int n)
    {
        Multiprocessing.SetWarmStart(1);
        var samples = new List<double>(n);
        try
        {
            for (int i = 0; i < n + 1; i++)
            {
                WaitForIdleChild();
                long t0 = Stopwatch.GetTimestamp();
                Process p = Spawn.Noop();
                p.Join();
                if (i > 0)
                {
                    samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }

                p.Close();
            }
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
        }

        samples.Sort();
        Emit("spawn_latency_warm", Percentile(samples, 0.5), "ms");
        Emit("spawn_latency_warm_p10", Percentile(samples, 0.1), "ms");
        Emit("spawn_latency_warm_p90", Percentile(samples, 0.9), "ms");
    }

    internal static void WaitForIdleChild()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Multiprocessing.IdleWarmChildren == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("no idle child appeared");
            }

            Thread.Sleep(2);
        }
    }

    private static double Percentile(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(q * (sorted.Count - 1)))];

    internal static void Emit(string name, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}{s_suffix} {value:G6} {unit}"));
}
