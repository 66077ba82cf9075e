// SmallSpawn [-n N]: start→join of a no-op child, median of N (default 200) after 3 untimed ones, like
// Multiproc.Benchmarks spawn_latency. Prints `spawn_latency_small MEDIAN ms`.
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

int n = args is ["-n", string count] ? int.Parse(count, CultureInfo.InvariantCulture) : 200;
for (int i = 0; i < 3; i++)
{
    Spawn.Noop().Join();
}

var samples = new double[n];
for (int i = 0; i < n; i++)
{
    long t0 = Stopwatch.GetTimestamp();
    Process p = Spawn.Noop();
    p.Join();
    samples[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    if (p.ExitCode != 0)
    {
        throw new InvalidOperationException($"child exited with {p.ExitCode}");
    }

    p.Close();
}

Array.Sort(samples);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"spawn_latency_small {samples[n / 2]:G5} ms"));
return 0;

/// <summary>The child's target.</summary>
internal static class Work
{
    /// <summary>Does nothing: the start and the exit are what is timed.</summary>
    [ProcessTarget]
    public static void Noop()
    {
    }
}
