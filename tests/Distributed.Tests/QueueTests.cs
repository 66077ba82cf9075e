using Multiproc.Distributed.Tests.Infrastructure;
using Multiproc.Distributed.Wire;
using Multiproc.Serialization;
using Targets = Multiproc.Tests.DistributedTargets.Targets;

namespace Multiproc.Distributed.Tests;

/// <summary>Guarantees 6-9: back-pressure, Msg-Id de-duplication, version skew, malformed and oversized payloads.</summary>
public sealed class QueueTests : DistributedTest
{
    [NatsFact]
    public async Task SubmittingMoreThanTheQueueHolds_Waits_ThenCompletes()
    {
        Options = new DistributedOptions { QueueName = Options.QueueName, AckWait = Options.AckWait, MaxQueuedTasks = 5 };
        await using DistributedPool pool = await ConnectAsync();
        Task<int[]> map = pool.MapAsync(Targets.Square, Enumerable.Range(0, 40), chunkSize: 1);
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 5, "the queue to fill");
        // Full: the map waits (neither fails nor queues more) until a worker makes room.
        await Task.Delay(500);
        Assert.False(map.IsCompleted);
        Assert.Equal(5, QueueProbe.QueuedTasks(pool));
        StartNode(processes: 2);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * i), await map.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [NatsFact]
    public async Task RetriedPublish_IsStoredOnce()
    {
        await using DistributedPool pool = await ConnectAsync();
        byte[] body = TaskEnvelope.Encode(Targets.Square, Guid.NewGuid(), 0, 0, "nobody", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds(), 0, Targets.Square.WriteArguments, [3]);
        (ulong first, bool firstDuplicate) = await pool.Broker.PublishTaskAsync(Targets.Square.Id, "same-task-id", body, CancellationToken.None);
        (ulong second, bool secondDuplicate) = await pool.Broker.PublishTaskAsync(Targets.Square.Id, "same-task-id", body, CancellationToken.None);
        Assert.False(firstDuplicate);
        Assert.True(secondDuplicate);
        Assert.Equal(first, second);
        Assert.Equal(1, QueueProbe.QueuedTasks(pool));
    }

    [NatsFact]
    public async Task TargetTheWorkerDoesNotKnow_FailsClearly_WithoutRetry()
    {
        StartNode();
        await using DistributedPool pool = await ConnectAsync();
        var unknown = new ProcessTarget<int, int>(0x0123_4567_89AB_CDEF, 1, "Other.Build.Target", static (ref WireWriter w, int v) => w.WriteInt32(v), static (ref WireReader r) => r.ReadInt32());
        var e = await Assert.ThrowsAsync<DistributedTaskException>(() => pool.ApplyAsync(unknown, 1));
        Assert.Equal(DistributedTaskFailure.UnknownTarget, e.Failure);
        Assert.Contains("Other.Build.Target", e.Message, StringComparison.Ordinal);
        Assert.Contains("different versions", e.Message, StringComparison.Ordinal);

        var changed = new ProcessTarget<int, int>(Targets.Square.Id, Targets.Square.SchemaHash ^ 1, Targets.Square.Name, Targets.Square.WriteArguments, Targets.Square.ReadResult);
        e = await Assert.ThrowsAsync<DistributedTaskException>(() => pool.ApplyAsync(changed, 1));
        Assert.Equal(DistributedTaskFailure.UnknownTarget, e.Failure);
        Assert.Contains("another signature", e.Message, StringComparison.Ordinal);
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the failed tasks to leave the queue");
        Assert.Equal(4, await pool.ApplyAsync(Targets.Square, 2));
    }

    [NatsFact]
    public async Task MalformedTaskMessage_IsRejected_NodeKeepsServing()
    {
        WorkerNodeProcess node = StartNode();
        await using DistributedPool pool = await ConnectAsync();
        await pool.Broker.PublishTaskAsync(Targets.Square.Id, "garbage-1", new byte[] { 1, 2, 3, 4, 5 }, CancellationToken.None);
        await pool.Broker.PublishTaskAsync(Targets.Square.Id, "garbage-2", new byte[] { TaskEnvelope.Version, 0xFF }, CancellationToken.None);
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the malformed tasks to be rejected");
        Assert.Contains(node.Output, line => line.Contains("rejected a task message", StringComparison.Ordinal));
        Assert.Equal(36, await pool.ApplyAsync(Targets.Square, 6));
        Assert.False(node.HasExited);
    }

    [NatsFact]
    public async Task OversizedArgumentsAndResults_FailClearly_NodeKeepsServing()
    {
        StartNode();
        await using DistributedPool pool = await ConnectAsync();
        var tooBig = await Assert.ThrowsAsync<ArgumentException>(() => pool.ApplyAsync(Targets.Echo, new byte[2 * 1024 * 1024]));
        Assert.Contains("max_payload", tooBig.Message, StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<DistributedTaskException>(() => pool.ApplyAsync(Targets.Zeros, 2 * 1024 * 1024));
        Assert.Equal(DistributedTaskFailure.ResultTooLarge, e.Failure);
        // A map whose chunk would be too large is split into tasks that fit.
        byte[][] blocks = Enumerable.Range(0, 6).Select(i => new byte[300 * 1024]).ToArray();
        Assert.Equal(6, (await pool.MapAsync(Targets.Echo, blocks, chunkSize: 6)).Length);
        Assert.Equal(100, await pool.ApplyAsync(Targets.Square, 10));
    }
}
