using System.Collections.Concurrent;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Pools;

namespace Multiproc.Tests.Pools;

using Targets = Multiproc.Tests.Targets.Pools.Targets;

/// <summary>Options, close/join/terminate, dispose, initializer and maxTasksPerChild, as Python's Pool.</summary>
public sealed class PoolLifecycleTests : ChildProcessTest
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void InvalidProcessCount_IsRejected(int processes)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Pool(processes));
        Assert.Contains("Processes must be at least 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidMaxTasksPerChild_IsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Pool(new PoolOptions { Processes = 1, MaxTasksPerChild = 0 }));
        Assert.Contains("MaxTasksPerChild must be at least 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultProcessCount_IsTheCpuCount()
    {
        using var pool = new Pool();
        Assert.Equal(Multiprocessing.CpuCount, pool.ProcessCount);
    }

    [Fact]
    public void Join_WhileRunning_Throws_AndSubmittingAfterClose_Throws()
    {
        using var pool = new Pool(1);
        Assert.Throws<InvalidOperationException>(pool.Join);
        pool.Close();
        var e = Assert.Throws<InvalidOperationException>(() => pool.Apply(Targets.Square, 2));
        Assert.Contains("closed", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => pool.MapAsync(Targets.Square, [1]));
        Assert.Throws<InvalidOperationException>(() => pool.Imap(Targets.Square, [1]));
        pool.Join();
    }

    [Fact]
    public void CloseThenJoin_FinishesQueuedWork()
    {
        var pool = new Pool(2);
        AsyncResult<int>[] results = Enumerable.Range(0, 8).Select(i => pool.ApplyAsync(Targets.SleepThenPid, 50)).ToArray();
        AsyncResult<int[]> map = pool.MapAsync(Targets.Square, Enumerable.Range(0, 500));
        pool.Close();
        pool.Join();
        Assert.All(results, r => Assert.True(r.Successful));
        Assert.Equal(499 * 499, map.Get()[499]);
        pool.Dispose();
    }

    [Fact]
    public void ImapStartedBeforeClose_RunsToTheEnd()
    {
        var pool = new Pool(2);
        var got = new List<int>();
        using (IEnumerator<int> squares = pool.Imap(Targets.Square, Enumerable.Range(0, 300)).GetEnumerator())
        {
            Assert.True(squares.MoveNext());
            got.Add(squares.Current);
            pool.Close(); // the imap has only queued a window of its items so far
            while (squares.MoveNext())
            {
                got.Add(squares.Current);
            }
        }

        pool.Join();
        Assert.Equal(Enumerable.Range(0, 300).Select(x => x * x), got);
        pool.Dispose();
    }

    [Fact]
    public void Terminate_IsPrompt_With10000TasksQueued()
    {
        using var pool = new Pool(2);
        List<AsyncResult<int>> results = Enumerable.Range(0, 10_000).Select(_ => pool.ApplyAsync(Targets.SleepThenPid, 60_000)).ToList();
        pool.Terminate();
        Assert.All(results, r => Assert.True(r.Ready));
        Assert.Throws<TaskCanceledException>(() => results[9_999].Get());
        Assert.Throws<InvalidOperationException>(() => pool.Apply(Targets.Square, 1));
        pool.Join();
    }

    [Fact]
    public void Dispose_TerminatesRunningWork_AndLeavesNoProcess()
    {
        AsyncResult<int> running;
        using (var pool = new Pool(2))
        {
            running = pool.ApplyAsync(Targets.SleepThenPid, 60_000);
        }

        Assert.True(running.Ready);
        Assert.False(running.Successful);
    }

    [Fact]
    public void MaxTasksPerChild1_GivesEveryTaskAFreshWorker()
    {
        using var pool = new Pool(new PoolOptions { Processes = 2, MaxTasksPerChild = 1 });
        int[] pids = pool.Map(Targets.WorkerPid, Enumerable.Range(0, 6), chunkSize: 1);
        Assert.Equal(6, pids.Distinct().Count());
    }

    [Fact]
    public void Initializer_RunsOncePerWorker()
    {
        var options = new PoolOptions { Processes = 2, Initializer = PoolInitializer.Create(Targets.Initialize, "ok"), MaxTasksPerChild = 10 };
        using var pool = new Pool(options);
        string[] seen = pool.Map(Targets.InitializerRuns, Enumerable.Range(0, 40), chunkSize: 1);
        Assert.All(seen, s => Assert.StartsWith("1|", s, StringComparison.Ordinal));
        Assert.True(seen.Select(s => s.Split('|')[1]).Distinct().Count() >= 4, "40 tasks at 10 per worker need at least 4 workers");
    }

    [Fact]
    public void FailingInitializer_FailsTheConstructor()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Pool(new PoolOptions { Processes = 2, Initializer = PoolInitializer.Create(Targets.Initialize, "fail") }));
        Assert.Contains("initializer refused to start", e.Message, StringComparison.Ordinal);
        Assert.IsType<RemoteException>(e.InnerException);
    }

    [Fact]
    public void ManyThreads_CanSubmitAtOnce()
    {
        using var pool = new Pool(2);
        var sums = new ConcurrentBag<int>();
        Parallel.For(0, 8, i => sums.Add(pool.Map(Targets.Square, Enumerable.Range(0, 100)).Sum() + pool.Apply(Targets.Square, i)));
        Assert.Equal(8, sums.Count);
    }
}
