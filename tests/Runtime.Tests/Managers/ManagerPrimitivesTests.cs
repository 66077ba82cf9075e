using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Managers;

/// <summary>The SyncManager built-ins beyond list and dictionary, each through a real manager process.</summary>
public sealed class ManagerPrimitivesTests : ChildProcessTest
{
    [Fact]
    public async Task Queue_TimeoutsBoundsAndAsyncForms()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using QueueProxy<string> queue = manager.Queue<string>(maxSize: 1);
        Assert.True(queue.IsEmpty);
        Assert.Throws<QueueEmptyException>(() => queue.Get(block: false));
        Assert.Throws<QueueEmptyException>(() => queue.Get(TimeSpan.FromMilliseconds(50)));
        queue.Put("a");
        Assert.True(queue.IsFull);
        Assert.Throws<QueueFullException>(() => queue.Put("b", block: false));
        Assert.False(queue.TryPut("b", TimeSpan.Zero));
        Assert.False(queue.TryPut("b")); // like ChannelWriter.TryWrite: never waits
        Assert.Equal("a", await queue.GetAsync(Patience));
        await queue.PutAsync("c");
        Assert.True(queue.TryGet(out string? c));
        Assert.Equal("c", c);
        Assert.False(queue.TryGet(out _)); // like ChannelReader.TryRead: never waits
        Assert.False(queue.TryGet(out _, TimeSpan.FromMilliseconds(50)));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.GetAsync(cancel.Token));
        queue.Put("d"); // The cancelled get was abandoned by the server: the item is not lost.
        Assert.Equal("d", queue.Get(Patience));
    }

    [Fact]
    public async Task JoinableQueue_JoinWaitsForTaskDone()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using JoinableQueueProxy<int> queue = manager.JoinableQueue<int>();
        queue.Put(1);
        queue.Put(2);
        Assert.False(queue.Join(TimeSpan.FromMilliseconds(50)));
        Task consumer = Task.Run(() =>
        {
            queue.Get();
            queue.TaskDone();
            queue.Get();
            queue.TaskDone();
        });
        await queue.JoinAsync().WaitAsync(Patience);
        await consumer.WaitAsync(Patience);
        Assert.Throws<RemoteException>(queue.TaskDone);
    }

    [Fact]
    public void LockAndRLock_OwnershipPerThread()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using LockProxy plain = manager.Lock();
        Assert.True(plain.Acquire());
        Assert.False(plain.Acquire(blocking: false));
        Assert.False(OnAnotherThread(() => plain.Acquire(timeout: TimeSpan.FromMilliseconds(50))));
        OnAnotherThread(() =>
        {
            plain.Release(); // A plain lock may be released by another thread, as threading.Lock.
            return true;
        });
        Assert.Throws<RemoteException>(plain.Release);

        using LockProxy rlock = manager.RLock();
        Assert.True(rlock.Acquire());
        Assert.True(rlock.Acquire()); // Re-entrant for the owning thread.
        Assert.True(rlock.IsOwned);
        Assert.False(OnAnotherThread(() => rlock.Acquire(blocking: false)));
        RemoteException e = OnAnotherThread(() => Assert.Throws<RemoteException>(rlock.Release));
        Assert.Contains("un-acquired", e.Message);
        rlock.Release();
        rlock.Release();
        Assert.True(OnAnotherThread(() => rlock.Acquire(blocking: false)));
    }

    /// <summary>
    /// Acquires, awaits <see cref="ConditionProxy.WaitAsync"/> and releases on one dedicated thread: lock ownership is
    /// per thread, and an await may resume elsewhere.
    /// </summary>
    private static bool WaitAsyncOnOneThread(ConditionProxy condition) => OnAnotherThread(() =>
    {
        condition.Acquire();
        try
        {
            return condition.WaitAsync(TimeSpan.FromMilliseconds(30)).GetAwaiter().GetResult();
        }
        finally
        {
            condition.Release();
        }
    });

    /// <summary>Runs <paramref name="action"/> on a new thread (a thread-pool task might run on this very thread).</summary>
    private static T OnAnotherThread<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(Patience));
        return failure is null ? result : throw new InvalidOperationException("The other thread failed.", failure);
    }

    [Fact]
    public async Task Semaphores_CountAndBound()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using SemaphoreProxy semaphore = manager.Semaphore(2);
        Assert.True(semaphore.Acquire());
        Assert.True(await semaphore.AcquireAsync());
        Assert.False(semaphore.Acquire(blocking: false));
        semaphore.Release(2);
        Assert.Equal(2, semaphore.Value);
        semaphore.Release(); // Unbounded: may exceed the initial value.
        Assert.Equal(3, semaphore.Value);

        using SemaphoreProxy bounded = manager.BoundedSemaphore(1);
        Assert.True(bounded.Acquire());
        bounded.Release();
        RemoteException e = Assert.Throws<RemoteException>(() => bounded.Release());
        Assert.Contains("released too many times", e.Message);
    }

    [Fact]
    public async Task ConditionAndEvent_WakeWaiters()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using ConditionProxy condition = manager.Condition();
        using ValueProxy<int> state = manager.Value(0);
        Task<bool> waiter = Task.Run(() =>
        {
            condition.Acquire();
            try
            {
                return condition.WaitFor(() => state.Value == 1, Patience);
            }
            finally
            {
                condition.Release();
            }
        });
        using (EventProxy ready = manager.Event())
        {
            Assert.False(ready.IsSet);
            Assert.False(ready.Wait(TimeSpan.FromMilliseconds(20)));
            Task<bool> eventWaiter = ready.WaitAsync(Patience);
            ready.Set();
            Assert.True(await eventWaiter);
            ready.Clear();
            Assert.False(ready.IsSet);
        }

        condition.Acquire();
        state.Value = 1;
        condition.NotifyAll();
        condition.Release();
        Assert.True(await waiter.WaitAsync(Patience));
        Assert.Throws<RemoteException>(() => condition.Notify());

        Assert.False(WaitAsyncOnOneThread(condition)); // Times out and re-acquires for the calling thread.
    }

    [Fact]
    public async Task Barrier_ReleasesAllParties_AndBreaksOnTimeout()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using BarrierProxy barrier = manager.Barrier(3);
        Assert.Equal(3, barrier.Parties);
        Task<int>[] parties = [.. Enumerable.Range(0, 3).Select(_ => Task.Run(() => barrier.Wait(Patience)))];
        int[] indices = await Task.WhenAll(parties).WaitAsync(Patience);
        Assert.Equal([0, 1, 2], indices.Order());

        Assert.Throws<BrokenBarrierException>(() => barrier.Wait(TimeSpan.FromMilliseconds(50)));
        Assert.True(barrier.IsBroken);
        await Assert.ThrowsAsync<BrokenBarrierException>(() => barrier.WaitAsync());
        barrier.Reset();
        Assert.False(barrier.IsBroken);
    }

    [Fact]
    public async Task ValueArrayAndNamespace_StoreCopies()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using ValueProxy<double> value = manager.Value(1.5);
        Assert.Equal(1.5, value.Value);
        await value.SetAsync(2.5);
        Assert.Equal(2.5, await value.GetAsync());
        Assert.Equal("2.5", value.ToString());

        using ArrayProxy<int> array = manager.Array<int>(3);
        array[1] = 7;
        Assert.Equal([0, 7, 0], array.ToArray());
        Assert.Equal(3, array.Count);
        Assert.Throws<RemoteException>(() => array[3]);
        Assert.Equal("[0, 7, 0]", array.ToString());

        using NamespaceProxy ns = manager.Namespace();
        ns.Set("x", 10);
        ns.Set("name", "worker");
        Assert.Equal(10, ns.Get<int>("x"));
        Assert.Equal("worker", ns.Get<string>("name"));
        Assert.Equal(["x", "name"], ns.Names);
        Assert.True(ns.Remove("x"));
        Assert.False(ns.TryGet("x", out int _));
        Assert.Throws<KeyNotFoundException>(() => ns.Get<int>("x"));
    }
}
