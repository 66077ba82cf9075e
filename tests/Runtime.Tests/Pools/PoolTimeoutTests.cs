using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Pools;

namespace Multiproc.Tests.Pools;

using Targets = Multiproc.Tests.Targets.Pools.Targets;

/// <summary>A timed-out or cancelled running task kills its worker, which is replaced; the caller learns at once.</summary>
public sealed class PoolTimeoutTests : ChildProcessTest
{
    [Fact]
    public void ApplyTimeout_KillsTheWorker_AndThrowsTimeoutException()
    {
        using var pool = new Pool(1);
        int before = pool.Apply(Targets.WorkerPid, 0);
        AsyncResult<int> slow = pool.ApplyAsync(Targets.SleepThenPid, 600_000, timeout: TimeSpan.FromMilliseconds(300));
        var e = Assert.Throws<TimeoutException>(() => slow.Get(Patience));
        Assert.Contains(before.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.True(ProcessWatch.WaitForExit(before, Patience));
        Assert.NotEqual(before, pool.Apply(Targets.WorkerPid, 0));
    }

    [Fact]
    public void PoolTaskTimeout_AppliesToMapItems()
    {
        using var pool = new Pool(new PoolOptions { Processes = 2, TaskTimeout = TimeSpan.FromMilliseconds(400) });
        AsyncResult<int[]> map = pool.MapAsync(Targets.SleepThenPid, [10, 600_000, 10, 10], chunkSize: 1);
        Assert.Throws<TimeoutException>(() => map.Get(Patience));
        Assert.Equal(9, pool.Apply(Targets.Square, 3));
    }

    [Fact]
    public void CancellingARunningApply_KillsItsWorker()
    {
        using var pool = new Pool(1);
        int before = pool.Apply(Targets.WorkerPid, 0);
        using var cts = new CancellationTokenSource();
        AsyncResult<int> slow = pool.ApplyAsync(Targets.SleepThenPid, 600_000, cancellationToken: cts.Token);
        WaitUntil(() => !slow.Ready, "the task to be queued");
        Thread.Sleep(200); // let it start: the worker must be killed, not merely skipped
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => slow.Get(Patience));
        Assert.True(ProcessWatch.WaitForExit(before, Patience));
        Assert.Equal(25, pool.Apply(Targets.Square, 5));
    }

    [Fact]
    public void CancellingAQueuedApply_DoesNotDisturbTheRunningOne()
    {
        using var pool = new Pool(1);
        AsyncResult<int> first = pool.ApplyAsync(Targets.SleepThenPid, 500);
        using var cts = new CancellationTokenSource();
        AsyncResult<int> queued = pool.ApplyAsync(Targets.SleepThenPid, 10, cancellationToken: cts.Token);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => queued.Get(Patience));
        Assert.True(first.Get(Patience) > 0);
    }

    [Fact]
    public async Task CancellingImapAsync_StopsTheIteration()
    {
        using var pool = new Pool(2);
        using var cts = new CancellationTokenSource();
        var got = new List<int>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (int pid in pool.ImapAsync(Targets.SleepThenPid, [10, 10, 600_000, 600_000], cancellationToken: cts.Token))
            {
                got.Add(pid);
                if (got.Count == 2)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.Equal(2, got.Count);
        Assert.Equal(36, pool.Apply(Targets.Square, 6));
    }

    [Fact]
    public void CancellingAMap_ThrowsOperationCanceled()
    {
        using var pool = new Pool(2);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.ThrowsAny<OperationCanceledException>(() => pool.Map(Targets.SleepThenPid, [600_000, 600_000, 600_000], chunkSize: 1, cancellationToken: cts.Token));
        Assert.Equal(1, pool.Apply(Targets.Square, 1));
    }
}
