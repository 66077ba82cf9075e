using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Pools;

namespace Multiproc.Tests.Pools;

using Targets = Multiproc.Tests.Targets.Pools.Targets;

/// <summary>Exceptions in tasks surface with the worker's type, message and stack; nothing hangs the pool.</summary>
public sealed class PoolErrorTests : ChildProcessTest
{
    [Fact]
    public void TaskException_SurfacesAsRemoteException_WithTheWorkersStack()
    {
        using var pool = new Pool(2);
        var e = Assert.Throws<RemoteException>(() => pool.Apply(Targets.SquareOrThrow, (3, 3)));
        Assert.Equal(typeof(ArgumentException).FullName, e.RemoteTypeName);
        Assert.Equal("item 3 is not welcome", e.RemoteMessage);
        Assert.Contains(nameof(PoolTargets.SquareOrThrow), e.RemoteStackTrace, StringComparison.Ordinal);
        Assert.Contains("Remote traceback", e.ToString(), StringComparison.Ordinal);
        Assert.Equal(16, pool.Apply(Targets.SquareOrThrow, (4, 3)));
    }

    [Fact]
    public void Map_WithOneFailingItem_ThrowsOnceTheMapIsComplete()
    {
        using var pool = new Pool(2);
        Exception? fromCallback = null;
        AsyncResult<int[]> result = pool.MapAsync(Targets.SquareOrThrow, Enumerable.Range(0, 100).Select(x => (x, 42)), chunkSize: 5, errorCallback: e => fromCallback = e);
        var e = Assert.Throws<RemoteException>(() => result.Get(Patience));
        Assert.Equal("item 42 is not welcome", e.RemoteMessage);
        Assert.True(result.Ready);
        Assert.False(result.Successful);
        Assert.Same(e, fromCallback);
    }

    [Fact]
    public void Imap_ThrowsWhenTheFailedItemIsReached()
    {
        using var pool = new Pool(2);
        var got = new List<int>();
        var e = Assert.Throws<RemoteException>(() =>
        {
            foreach (int v in pool.Imap(Targets.SquareOrThrow, Enumerable.Range(0, 10).Select(x => (x, 5))))
            {
                got.Add(v);
            }
        });
        Assert.Equal([0, 1, 4, 9, 16], got);
        Assert.Contains("item 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnserializableResult_FailsOnlyThatTask()
    {
        using var pool = new Pool(1);
        var e = Assert.Throws<RemoteException>(() => pool.Apply(Targets.MakeUnwritable, default));
        Assert.Contains("Unwritable.Value cannot be serialized", e.Message, StringComparison.Ordinal);
        Assert.Equal(81, pool.Apply(Targets.Square, 9));
    }

    [Fact]
    public void UndescribableException_StillFailsTheTaskClearly()
    {
        using var pool = new Pool(1);
        var e = Assert.Throws<RemoteException>(() => pool.Apply(Targets.ThrowUndescribable, default));
        Assert.Contains(typeof(UndescribableException).FullName!, e.Message, StringComparison.Ordinal);
        Assert.Equal(4, pool.Apply(Targets.Square, 2));
    }

    [Fact]
    public void BadArguments_ThrowAtTheCall()
    {
        using var pool = new Pool(1);
        Assert.Throws<ArgumentNullException>(() => pool.Apply<int, int>(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Map(Targets.Square, [1, 2], chunkSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Imap(Targets.Square, [1, 2], chunkSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.ApplyAsync(Targets.Square, 1, timeout: TimeSpan.Zero));
    }
}
