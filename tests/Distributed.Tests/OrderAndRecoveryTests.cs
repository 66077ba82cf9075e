using Multiproc.Distributed.Tests.Infrastructure;
using Targets = Multiproc.Tests.DistributedTargets.Targets;

namespace Multiproc.Distributed.Tests;

/// <summary>Guarantees 10-12: imap order across redeliveries, a server restart mid-map, tasks of a dead caller.</summary>
public sealed class OrderAndRecoveryTests : DistributedTest
{
    [NatsFact]
    public async Task Imap_KeepsOrderAcrossRedeliveries_ImapUnorderedYieldsEachOnce()
    {
        StartNode(processes: 2);
        await using DistributedPool pool = await ConnectAsync();
        // Items 3, 7 and 12 kill their child the first time, so their tasks are delivered again.
        (string, int)[] items = Enumerable.Range(0, 16).Select(i => (i is 3 or 7 or 12 ? PathFor($"ordered-{i}") : PathFor("never-crash-dir/x"), i)).ToArray();
        Directory.CreateDirectory(PathFor("never-crash-dir"));
        File.WriteAllText(PathFor("never-crash-dir/x"), "");
        Assert.Equal(Enumerable.Range(0, 16), pool.Imap(Targets.CrashFirstTime, items, chunkSize: 2).ToList());

        (string, int)[] unordered = Enumerable.Range(0, 16).Select(i => (i % 5 == 0 ? PathFor($"unordered-{i}") : PathFor("never-crash-dir/x"), i)).ToArray();
        var seen = new List<int>();
        await foreach (int value in pool.ImapUnorderedAsync(Targets.CrashFirstTime, unordered))
        {
            seen.Add(value);
        }

        Assert.Equal(Enumerable.Range(0, 16), seen.Order());
        Assert.True(File.Exists(PathFor("unordered-5")));
    }

    [NatsFact]
    public async Task ServerRestartedMidMap_NoTaskLost_MapCompletes()
    {
        StartNode(processes: 2);
        await using DistributedPool pool = await ConnectAsync();
        int done = 0;
        var progress = new Progress<PoolProgress>(p => Volatile.Write(ref done, p.Completed));
        Task<int[]> map = pool.MapAsync(Targets.SleepThenReturn, Enumerable.Range(0, 60).Select(i => (40, i)), chunkSize: 1, progress: progress);
        WaitFor(() => Volatile.Read(ref done) >= 10, "a part of the map to complete");
        Server.Restart();
        Assert.Equal(Enumerable.Range(0, 60), await map.WaitAsync(TimeSpan.FromSeconds(120)));
    }

    [NatsFact]
    public async Task TasksOfACallerThatDied_Expire_AndLeaveNoResults()
    {
        Options = new DistributedOptions
        {
            QueueName = Options.QueueName,
            AckWait = Options.AckWait,
            TaskTimeToLive = TimeSpan.FromSeconds(2),
            ResultTimeToLive = TimeSpan.FromSeconds(2),
        };
        string touched = PathFor("touched");
        Directory.CreateDirectory(touched);
        await using DistributedPool probe = await ConnectAsync();
        using (WorkerNodeProcess caller = WorkerNodeProcess.Launch(["--caller", Server.Url, "--touch-dir", touched, "--count", "3", .. WorkerNodeProcess.Settings(Options)]))
        {
            WaitFor(() => QueueProbe.QueuedTasks(probe) == 3, "the caller to queue its tasks");
            caller.Kill();
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        StartNode();
        WaitFor(() => QueueProbe.QueuedTasks(probe) == 0, "the expired tasks to leave the queue");
        WaitFor(() => QueueProbe.StoredResults(probe) == 0, "no results to be kept for the dead caller", seconds: 30);
        Assert.Equal(9, await probe.ApplyAsync(Targets.Square, 3));
        Assert.Empty(Directory.GetFiles(touched));
    }
}
