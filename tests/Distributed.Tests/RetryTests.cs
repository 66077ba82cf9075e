using Multiproc.Distributed.Tests.Infrastructure;
using Targets = Multiproc.Tests.DistributedTargets.Targets;

namespace Multiproc.Distributed.Tests;

/// <summary>Guarantees 2-4: progress keeps a long task from running twice; poison tasks stop; exceptions are not retried.</summary>
public sealed class RetryTests : DistributedTest
{
    [NatsFact]
    public async Task LongTaskReportingProgress_IsNotRunTwice()
    {
        Options = new DistributedOptions { QueueName = Options.QueueName, AckWait = TimeSpan.FromSeconds(1), MaxDeliveries = 3 };
        string log = PathFor("runs");
        StartNode();
        StartNode();
        await using DistributedPool pool = await ConnectAsync();
        // Four AckWaits long: without progress reports the server would hand it to the other node.
        Assert.Equal(1, await pool.ApplyAsync(Targets.CountRuns, (log, 4000)));
        Assert.Single(File.ReadAllLines(log));
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the task to leave the queue");
    }

    [NatsFact]
    public async Task TaskKillingItsProcess_StopsAfterMaxDeliveries_OthersComplete()
    {
        string log = PathFor("poison");
        StartNode(processes: 2);
        await using DistributedPool pool = await ConnectAsync();
        Task<int> poison = pool.ApplyAsync(Targets.KillOwnProcess, log);
        Task<int[]> others = pool.MapAsync(Targets.Square, Enumerable.Range(0, 20), chunkSize: 2);
        var e = await Assert.ThrowsAsync<DistributedTaskException>(() => poison.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(DistributedTaskFailure.DeliveryLimitReached, e.Failure);
        Assert.Contains("KillOwnProcess", e.Message, StringComparison.Ordinal);
        Assert.Contains("delivered 3 times", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(log).Length);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), await others.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [NatsFact]
    public async Task TaskKillingEveryNode_StopsAfterMaxDeliveries_WithoutRunningAgain()
    {
        Options = new DistributedOptions { QueueName = Options.QueueName, AckWait = TimeSpan.FromSeconds(1), MaxDeliveries = 2 };
        string log = PathFor("node-killer");
        WorkerNodeProcess a = StartNode();
        WorkerNodeProcess b = StartNode();
        await using DistributedPool pool = await ConnectAsync();
        Task<int> poison = pool.ApplyAsync(Targets.KillWorkerNode, log);
        WaitFor(() => a.HasExited && b.HasExited, "the poison task to kill both nodes");
        Assert.Equal(2, File.ReadAllLines(log).Length);
        StartNode();
        var e = await Assert.ThrowsAsync<DistributedTaskException>(() => poison.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(DistributedTaskFailure.DeliveryLimitReached, e.Failure);
        Assert.Equal(2, File.ReadAllLines(log).Length);
        Assert.Equal(16, await pool.ApplyAsync(Targets.Square, 4).WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [NatsFact]
    public async Task TargetThatThrows_ReturnsRemoteStack_AndIsNotRetried()
    {
        string log = PathFor("throws");
        StartNode();
        await using DistributedPool pool = await ConnectAsync();
        var e = await Assert.ThrowsAsync<RemoteException>(() => pool.ApplyAsync(Targets.LogThenThrow, (log, "bad input 7")));
        Assert.Equal("System.InvalidOperationException", e.RemoteTypeName);
        Assert.Equal("bad input 7", e.RemoteMessage);
        Assert.Contains("LogThenThrow", e.RemoteStackTrace, StringComparison.Ordinal);
        Assert.Contains("Remote traceback", e.ToString(), StringComparison.Ordinal);
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the task to leave the queue");
        // A later task completes on the same node and the failed one has still run only once.
        Assert.Equal(25, await pool.ApplyAsync(Targets.Square, 5));
        Assert.Single(File.ReadAllLines(log));
    }
}
