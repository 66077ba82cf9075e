using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Pools;

namespace Multiproc.Tests.Pools;

using Targets = Multiproc.Tests.Targets.Pools.Targets;

/// <summary>Apply, map, starmap and the imap family return what the targets return, in the promised order.</summary>
public sealed class PoolResultsTests : ChildProcessTest
{
    [Fact]
    public void Apply_ReturnsTheResult()
    {
        using var pool = new Pool(2);
        Assert.Equal(49, pool.Apply(Targets.Square, 7));
    }

    [Fact]
    public async Task ApplyAsync_IsAwaitable_AndRunsTheCallback()
    {
        using var pool = new Pool(2);
        int seen = 0;
        AsyncResult<int> result = pool.ApplyAsync(Targets.Square, 12, callback: v => Volatile.Write(ref seen, v));
        Assert.Equal(144, await result);
        Assert.True(result.Ready);
        Assert.True(result.Successful);
        Assert.Equal(144, Volatile.Read(ref seen));
        Assert.Equal(144, result.Get(Patience));
    }

    [Fact]
    public void Map_KeepsOrder_WithDefaultAndExplicitChunksize()
    {
        using var pool = new Pool(2);
        int[] expected = Enumerable.Range(0, 1000).Select(x => x * x).ToArray();
        Assert.Equal(expected, pool.Map(Targets.Square, Enumerable.Range(0, 1000)));
        Assert.Equal(expected, pool.Map(Targets.Square, Enumerable.Range(0, 1000), chunkSize: 1));
        Assert.Equal(expected, pool.Map(Targets.Square, Enumerable.Range(0, 1000), chunkSize: 333));
        Assert.Empty(pool.Map(Targets.Square, []));
    }

    [Fact]
    public void MapAsync_ReportsProgress_UpToTheTotal()
    {
        using var pool = new Pool(2);
        var reports = new List<PoolProgress>();
        var done = new ManualResetEventSlim();
        var progress = new SynchronousProgress(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }

            if (p.Completed == p.Total)
            {
                done.Set();
            }
        });
        int[] squares = pool.MapAsync(Targets.Square, Enumerable.Range(0, 200), chunkSize: 10, progress: progress).Get(Patience);
        Assert.Equal(200, squares.Length);
        Assert.True(done.Wait(Patience));
        lock (reports)
        {
            Assert.All(reports, r => Assert.Equal(200, r.Total));
            Assert.Contains(reports, r => r.Completed == 200);
        }
    }

    [Fact]
    public void Starmap_PassesTuples()
    {
        using var pool = new Pool(2);
        Assert.Equal([3, 7, 11], pool.Starmap(Targets.Add, [(1, 2), (3, 4), (5, 6)]));
        Assert.Equal([30], pool.StarmapAsync(Targets.Add, [(10, 20)]).Get(Patience));
    }

    [Fact]
    public void Imap_IsOrdered_AndUnorderedHasEveryResult()
    {
        using var pool = new Pool(2);
        int[] expected = Enumerable.Range(0, 100).Select(x => x * x).ToArray();
        Assert.Equal(expected, pool.Imap(Targets.Square, Enumerable.Range(0, 100)).ToArray());
        Assert.Equal(expected, pool.Imap(Targets.Square, Enumerable.Range(0, 100), chunkSize: 7).ToArray());
        Assert.Equal(expected, pool.ImapUnordered(Targets.Square, Enumerable.Range(0, 100), chunkSize: 3).Order().ToArray());
    }

    [Fact]
    public async Task ImapAsync_StreamsLazily_FromAnEndlessSource()
    {
        using var pool = new Pool(2);
        var got = new List<int>();
        await foreach (int square in pool.ImapAsync(Targets.Square, Endless()))
        {
            got.Add(square);
            if (got.Count == 50)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(x => x * x), got);
        var unordered = new List<int>();
        await foreach (int square in pool.ImapUnorderedAsync(Targets.Square, Enumerable.Range(0, 30)))
        {
            unordered.Add(square);
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(x => x * x), unordered.Order());

        static IEnumerable<int> Endless()
        {
            for (int i = 0; ; i++)
            {
                yield return i;
            }
        }
    }

    [Fact]
    public void VoidAndParameterlessTargets_Work()
    {
        using var pool = new Pool(1);
        Assert.Equal(default, pool.Apply(Targets.DoNothing, default));
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (no synchronization context hop).</summary>
    private sealed class SynchronousProgress(Action<PoolProgress> report) : IProgress<PoolProgress>
    {
        public void Report(PoolProgress value) => report(value);
    }
}
