using Multiproc.Distributed.Caller;
using Multiproc.Distributed.Tests.Infrastructure;
using Multiproc.Distributed.Wire;
using Targets = Multiproc.Tests.DistributedTargets.Targets;

namespace Multiproc.Distributed.Tests;

/// <summary>The caller's bookkeeping and the API's argument checks.</summary>
public sealed class ContractTests : DistributedTest
{
    [Fact]
    public async Task SecondResultForTheSameTask_IsDropped()
    {
        var result = new AsyncResult<int[]>(null, null);
        var job = new CallerJob(new Multiproc.Pools.MapJob<int>(Targets.Square, Targets.Square.ReadResult, null, 2, null, result));
        job.Deliver(ResultEnvelope.Decode(Result(job.Id, chunk: 0, first: 0, 4)));
        job.Deliver(ResultEnvelope.Decode(Result(job.Id, chunk: 0, first: 0, 999)));   // the task ran twice: its worker died after publishing
        Assert.False(result.Ready);
        job.Deliver(ResultEnvelope.Decode(Result(job.Id, chunk: 1, first: 1, 9)));
        int[] results = await result;
        Assert.Equal(new[] { 4, 9 }, results);
    }

    [NatsFact]
    public async Task RetriedResultPublish_IsStoredOnce()
    {
        await using DistributedPool pool = await ConnectAsync();
        byte[] body = Result(Guid.NewGuid(), 0, 0, 1);
        await pool.Broker.PublishResultAsync("someone", "task-1", body, CancellationToken.None);
        await pool.Broker.PublishResultAsync("someone", "task-1", body, CancellationToken.None);
        Assert.Equal(1, QueueProbe.StoredResults(pool));
    }

    [NatsFact]
    public async Task UseAfterDispose_ThrowsObjectDisposed()
    {
        DistributedPool pool = await ConnectAsync();
        await pool.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.ApplyAsync(Targets.Square, 1));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.MapAsync(Targets.Square, [1]));
        Assert.Throws<ObjectDisposedException>(() => pool.ImapAsync(Targets.Square, [1]));
        Assert.Contains("disposed", pool.ToString(), StringComparison.Ordinal);
        await pool.DisposeAsync();
    }

    [Fact]
    public async Task CommandLine_WithoutTheSwitch_ReturnsNull_WithABadOne_ThrowsClearly()
    {
        Assert.Null(await DistributedWorker.RunFromCommandLineAsync(["--caller", "x"]));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => DistributedWorker.RunFromCommandLineAsync([DistributedWorker.CommandLineSwitch]));
        Assert.Contains("connection string", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => DistributedWorker.RunFromCommandLineAsync([DistributedWorker.CommandLineSwitch, "nats://127.0.0.1:1", DistributedWorker.ProcessesSwitch, "many"]));
    }

    [Fact]
    public async Task BadOptions_AreRejectedByName()
    {
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DistributedPool.ConnectAsync("nats://127.0.0.1:1", new DistributedOptions { AckWait = TimeSpan.Zero }));
        Assert.Contains("AckWait", e.Message, StringComparison.Ordinal);
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DistributedPool.ConnectAsync("nats://127.0.0.1:1", new DistributedOptions { MaxDeliveries = 0 }));
        Assert.Contains("MaxDeliveries", e.Message, StringComparison.Ordinal);
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DistributedPool.ConnectAsync("nats://127.0.0.1:1", new DistributedOptions { QueueName = "a.b" }));
        Assert.Contains("QueueName", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DistributedWorker.RunAsync("nats://127.0.0.1:1", null, new DistributedWorkerOptions { Processes = 0 }));
    }

    [Fact]
    public void MalformedMessages_FailWithWireFormatException()
    {
        Assert.Throws<Multiproc.Serialization.WireFormatException>(() => TaskEnvelope.Decode(new byte[] { TaskEnvelope.Version, 1, 2 }));
        byte[] valid = TaskEnvelope.Encode(Targets.Square, Guid.NewGuid(), 0, 0, "c", 0, 0, Targets.Square.WriteArguments, [1, 2]);
        Assert.Equal(2, TaskEnvelope.Decode(valid).Items.Count);
        Assert.Throws<Multiproc.Serialization.WireFormatException>(() => TaskEnvelope.Decode(valid.AsMemory(0, valid.Length - 1)));
        Assert.Throws<Multiproc.Serialization.WireFormatException>(() => ResultEnvelope.Decode(new byte[] { ResultEnvelope.Version, 0 }));
    }

    private static byte[] Result(Guid job, int chunk, int first, int value)
    {
        var writer = new Multiproc.Serialization.WireWriter();
        try
        {
            Targets.Square.WriteArguments(ref writer, value); // an int encodes the same as an int result
            return ResultEnvelope.Encode(job, chunk, first, [(OutcomeKind.Returned, writer.ToArray())]);
        }
        finally
        {
            writer.Dispose();
        }
    }
}
