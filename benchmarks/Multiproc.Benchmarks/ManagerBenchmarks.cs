using System.Diagnostics;

namespace Multiproc.Benchmarks;

/// <summary>
/// <c>manager_proxy_call</c>, the counterpart of mp_bench.py's: start a manager (its server is a child process), time n
/// list appends and n dictionary sets through proxies (200 warm-ups each; median per call), n list appends through a
/// second client connected by address (as a child's proxies are), then the shutdown.
/// </summary>
internal static class ManagerBenchmarks
{
    public static void ProxyCall(int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        SyncManager manager = Multiprocessing.Manager();
        BenchmarkCommands.Emit("manager_start", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, "ms");
        try
        {
            using ListProxy<int> list = manager.List<int>();
            for (int i = 0; i < 200; i++)
            {
                list.Add(i);
            }

            var samples = new List<double>(n);
            for (int i = 0; i < n; i++)
            {
                long start = Stopwatch.GetTimestamp();
                list.Add(i);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

            if (list.Count != n + 200)
            {
                throw new InvalidOperationException("the manager's list lost appends");
            }

            BenchmarkCommands.Emit("manager_list_append", Median(samples), "us");

            using DictProxy<int, int> dict = manager.Dict<int, int>();
            for (int i = 0; i < 200; i++)
            {
                dict[i] = i;
            }

            samples.Clear();
            for (int i = 0; i < n; i++)
            {
                long start = Stopwatch.GetTimestamp();
                dict[i] = i;
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

            if (dict.Count != n)
            {
                throw new InvalidOperationException("the manager's dictionary lost entries");
            }

            BenchmarkCommands.Emit("manager_dict_setitem", Median(samples), "us");

            // The same append through a connection made by address and authenticated, as a child's or another program's.
            using var connected = new SyncManager(manager.Address, manager.AuthKey);
            connected.Connect();
            using ListProxy<int> remote = connected.List<int>();
            for (int i = 0; i < 200; i++)
            {
                remote.Add(i);
            }

            samples.Clear();
            for (int i = 0; i < n; i++)
            {
                long start = Stopwatch.GetTimestamp();
                remote.Add(i);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

            BenchmarkCommands.Emit("manager_list_append_connected", Median(samples), "us");
        }
        finally
        {
            t0 = Stopwatch.GetTimestamp();
            manager.Shutdown();
            BenchmarkCommands.Emit("manager_shutdown", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, "ms");
        }
    }

    /// <summary>
    /// <c>manager_start_warm</c>: <c>Manager()</c> with warm start on (an idle child waits before each start, as
    /// forkserver's server does), median of n starts after one, each followed by its shutdown.
    /// </summary>
    public static void StartWarm(int n)
    {
        Multiprocessing.SetWarmStart(1);
        var samples = new List<double>(n);
        try
        {
            for (int i = 0; i < n + 1; i++)
            {
                BenchmarkCommands.WaitForIdleChild();
                long t0 = Stopwatch.GetTimestamp();
                SyncManager manager = Multiprocessing.Manager();
                double elapsed = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                manager.Shutdown();
                if (i > 0)
                {
                    samples.Add(elapsed);
                }
            }
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
        }

        BenchmarkCommands.Emit("manager_start_warm", Median(samples), "ms");
    }

    private static double Median(List<double> samples)
    {
        samples.Sort();
        return samples[samples.Count / 2];
    }
}
