// One program, three roles: a local pool child (the guard), a worker node (--multiproc-worker URL), or the
// caller (--caller URL), which maps thousands of tasks over whatever worker nodes serve the queue.
using System.Globalization;
using Multiproc;
using Multiproc.Distributed;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

// Callers and workers of one queue use the same options. A short AckWait so that the tasks of a killed
// worker are redelivered within seconds (the default is 30 s).
var options = new DistributedOptions { QueueName = "squares", AckWait = TimeSpan.FromSeconds(3) };

if (await DistributedWorker.RunFromCommandLineAsync(args, options) is int workerExit)
{
    return workerExit;
}

int at = Array.IndexOf(args, "--caller");
if (at < 0 || at + 1 >= args.Length)
{
    Console.Error.WriteLine("usage: DistributedPool --multiproc-worker nats://HOST:4222 [--processes N]   (a worker node)");
    Console.Error.WriteLine("       DistributedPool --caller nats://HOST:4222 [--count N]                (the caller)");
    return 2;
}

int countAt = Array.IndexOf(args, "--count");
int count = countAt >= 0 ? int.Parse(args[countAt + 1], CultureInfo.InvariantCulture) : 3000;

await using DistributedPool pool = await DistributedPool.ConnectAsync(args[at + 1], options);
long[] squares = await pool.MapAsync(Targets.SlowSquare, Enumerable.Range(0, count), chunkSize: 25, progress: new TenthsProgress());
int correct = squares.Where((value, i) => value == (long)i * i).Count();
Console.WriteLine($"{correct} of {count} tasks completed");
return correct == count ? 0 : 1;

/// <summary>Prints a line at each tenth of the map (run.sh watches them to kill a worker mid-map). Called one report at a time.</summary>
sealed class TenthsProgress : IProgress<PoolProgress>
{
    private int _reported;

    public void Report(PoolProgress value)
    {
        int tenths = value.Completed * 10 / value.Total;
        if (tenths > _reported)
        {
            _reported = tenths;
            Console.WriteLine($"progress {value.Completed}/{value.Total}");
        }
    }
}

static class Work
{
    /// <summary>A few milliseconds of "work" in a worker node's child process, then the square.</summary>
    [ProcessTarget]
    public static long SlowSquare(int x)
    {
        Thread.Sleep(4);
        return (long)x * x;
    }
}
