using Multiproc.Distributed.Tests.Infrastructure;
using Targets = Multiproc.Tests.DistributedTargets.Targets;

namespace Multiproc.Distributed.Tests;

public sealed class DeliveryTests : DistributedTest
{
    [NatsFact]
    public async Task ApplyAndMap_RunOnAWorkerNode()
    {
        WorkerNodeProcess node = StartNode(processes: 2);
        await using DistributedPool pool = await ConnectAsync();
        Assert.Equal(49, await pool.ApplyAsync(Targets.Square, 7));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * i), await pool.MapAsync(Targets.Square, Enumerable.Range(0, 100), chunkSize: 7));
        Assert.Equal(9, pool.Apply(Targets.Square, 3));
        Assert.Equal([0, 1, 4], pool.Map(Targets.Square, [0, 1, 2]));

        // The node runs tasks in its own local pool of child processes, and SIGTERM stops it cleanly with them.
        int[] children = node.ChildPids();
        Assert.Equal(2, children.Length);
        Assert.Equal(0, node.Stop());
        foreach (int child in children)
        {
            WaitFor(() => !Signals.IsAlive(child), $"child {child} of the stopped node to exit");
        }
    }

    /// <summary>Guarantee 1: a node SIGKILLed mid-task; the task is redelivered to another node and reported once.</summary>
    [NatsFact]
    public async Task NodeKilledMidTask_TaskIsRedeliveredToAnotherNode_OneResult()
    {
        string marker = PathFor("hang");
        WorkerNodeProcess first = StartNode();
        await using DistributedPool pool = await ConnectAsync();
        Task<int> apply = pool.ApplyAsync(Targets.HangFirstTime, (marker, 42));
        WaitFor(() => File.Exists(marker), "the first node to start the task");
        int[] children = first.ChildPids();
        first.Kill();
        foreach (int child in children)
        {
            WaitFor(() => !Signals.IsAlive(child), $"child {child} of the killed node to die");
        }

        StartNode();
        Assert.Equal(42, await apply.WaitAsync(TimeSpan.FromSeconds(60)));
        // Two runs (the killed one and the redelivered one); one result.
        Assert.Equal(2, File.ReadAllLines(marker).Length);
    }

    /// <summary>Guarantee 1, the other window: a node killed after storing a result but before acking; the task runs again, the caller gets one result.</summary>
    [NatsFact]
    public async Task NodeKilledBetweenResultAndAck_TaskRunsAgain_CallerGetsOneResult()
    {
        string log = PathFor("runs");
        WorkerNodeProcess first = StartNode(extra: "--die-after-result");
        await using DistributedPool pool = await ConnectAsync();
        var results = new List<int>();
        await foreach (int runs in pool.ImapUnorderedAsync(Targets.CountRuns, [(log, 0)]))
        {
            results.Add(runs);
        }

        Assert.Equal([1], results);
        WaitFor(() => first.HasExited, "the node to die before acknowledging");
        StartNode();
        WaitFor(() => File.Exists(log) && File.ReadAllLines(log).Length == 2, "the redelivered task to run again");
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the second node to acknowledge the task");
        Assert.Equal(1, QueueProbe.StoredResults(pool));
    }

    [NatsFact]
    public async Task TaskTimeout_KillsTheChild_FailsWithTimeout_NotRetried()
    {
        string marker = PathFor("timed");
        WorkerNodeProcess node = StartNode();
        await using DistributedPool pool = await ConnectAsync();
        await Assert.ThrowsAsync<TimeoutException>(() => pool.ApplyAsync(Targets.StartThenHang, marker, timeout: TimeSpan.FromSeconds(1)));
        int child = int.Parse(File.ReadAllText(marker), System.Globalization.CultureInfo.InvariantCulture);
        WaitFor(() => !Signals.IsAlive(child), "the timed-out child to be killed");
        Assert.Equal(4, await pool.ApplyAsync(Targets.Square, 2));
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the timed-out task to leave the queue");
        Assert.False(node.HasExited);
    }

    [NatsFact]
    public async Task NodeStoppedGracefully_GivesItsTaskBackAtOnce()
    {
        // A long AckWait: the task can only reach the second node this soon if the first gave it back.
        Options = new DistributedOptions { QueueName = Options.QueueName, AckWait = TimeSpan.FromSeconds(60) };
        string marker = PathFor("hang");
        WorkerNodeProcess first = StartNode();
        await using DistributedPool pool = await ConnectAsync();
        Task<int> apply = pool.ApplyAsync(Targets.HangFirstTime, (marker, 7));
        WaitFor(() => File.Exists(marker), "the first node to start the task");
        StartNode();
        Assert.Equal(0, first.Stop());
        Assert.Equal(7, await apply.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
