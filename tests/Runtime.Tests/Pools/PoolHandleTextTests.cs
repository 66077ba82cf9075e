using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Pools;

using Targets = Multiproc.Tests.Targets.Pools.Targets;

/// <summary>The pool's handles say what they are: <c>ProcessCount</c> and a useful <c>ToString()</c> on the pool, its results and its initializer.</summary>
public sealed class PoolHandleTextTests : ChildProcessTest
{
    [Fact]
    public void Pool_ProcessCount_AndToString_NameTheWorkersAndState()
    {
        var pool = new Pool(2);
        Assert.Equal(2, pool.ProcessCount);
        Assert.Equal("<Pool processes=2 state=Running>", pool.ToString());
        pool.Close();
        Assert.Equal("<Pool processes=2 state=Closed>", pool.ToString());
        pool.Join();
        pool.Dispose();
        Assert.Equal("<Pool processes=2 state=disposed>", pool.ToString());
        Assert.Throws<ObjectDisposedException>(() => pool.ProcessCount);
    }

    [Fact]
    public void AsyncResult_ToString_SaysTheTarget_TheItemCount_AndTheState()
    {
        using var pool = new Pool(1);
        AsyncResult<int[]> map = pool.MapAsync(Targets.Square, Enumerable.Range(0, 10));
        map.Get(Patience);
        Assert.Matches(@"^<AsyncResult \S*Square items=10 succeeded>$", map.ToString());

        AsyncResult<int> failed = pool.ApplyAsync(Targets.SquareOrThrow, (42, 42));
        Assert.False(failed.Wait(Patience) && failed.Successful);
        Assert.Matches(@"^<AsyncResult \S*SquareOrThrow items=1 failed: RemoteException>$", failed.ToString());

        AsyncResult<int> slow = pool.ApplyAsync(Targets.SleepThenPid, 600_000);
        Assert.Matches(@"^<AsyncResult \S*SleepThenPid items=1 pending>$", slow.ToString());
        pool.Terminate();
        Assert.Matches(@"^<AsyncResult \S*SleepThenPid items=1 canceled>$", slow.ToString());
    }

    [Fact]
    public void PoolInitializer_ToString_NamesItsTarget() =>
        Assert.Matches(@"^<PoolInitializer \S*Initialize>$", PoolInitializer.Create(Targets.Initialize, "ok").ToString());
}
