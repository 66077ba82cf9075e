using System.Globalization;
using Multiproc;
using Multiproc.Distributed;
using Multiproc.Tests.DistributedTargets;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

// Test settings: --queue NAME --ack-wait-ms N --max-deliveries N --ttl-ms N (beside --multiproc-worker URL --processes N).
var options = new DistributedOptions
{
    QueueName = Setting("--queue") ?? "multiproc",
    AckWait = TimeSpan.FromMilliseconds(Number("--ack-wait-ms") ?? 30_000),
    MaxDeliveries = Number("--max-deliveries") ?? 5,
    TaskTimeToLive = TimeSpan.FromMilliseconds(Number("--ttl-ms") ?? 86_400_000),
    ResultTimeToLive = TimeSpan.FromMilliseconds(Number("--result-ttl-ms") ?? 3_600_000),
    Username = Setting("--user"),
    Password = Setting("--password"),
};

if (args.Contains("--die-after-result"))
{
    // SIGKILL this node after it stored its first result and before it acknowledged the task.
    Multiproc.Distributed.Worker.WorkerNode.AfterResultStored = static _ => System.Diagnostics.Process.GetCurrentProcess().Kill();
}

if (await DistributedWorker.RunFromCommandLineAsync(args, options, new DistributedWorkerOptions { Log = static line => Console.WriteLine(line) }) is int workerExit)
{
    return workerExit;
}

if (Setting("--caller") is { } url)
{
    // A caller that queues Touch tasks and then waits to be killed: its tasks must expire, not run.
    await using DistributedPool pool = await DistributedPool.ConnectAsync(url, options);
    string directory = Setting("--touch-dir")!;
    int count = Number("--count") ?? 3;
    Task<int[]> map = pool.MapAsync(Targets.Touch, Enumerable.Range(0, count).Select(i => Path.Combine(directory, $"touched-{i}")), chunkSize: 1);
    Console.WriteLine("submitted");
    await map;
    return 0;
}

Console.Error.WriteLine("Multiproc.Distributed.TestWorker: start with --multiproc-worker URL or --caller URL.");
return 2;

string? Setting(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

int? Number(string name) => Setting(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
