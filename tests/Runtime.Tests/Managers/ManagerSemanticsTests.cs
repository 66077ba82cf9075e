using Multiproc.Managers;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Managers;

namespace Multiproc.Tests.Managers;

public sealed class ManagerSemanticsTests : ChildProcessTest
{
    [Fact]
    public void ExceptionInTheServer_ArrivesAsRemoteException_WithTheServerStack()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using ListProxy<int> list = manager.List([1, 2, 3]);
        RemoteException e = Assert.Throws<RemoteException>(() => list[100]);
        Assert.Equal("System.ArgumentOutOfRangeException", e.RemoteTypeName);
        Assert.Contains("outside the list of 3 items", e.RemoteMessage);
        Assert.Contains("ServedList.Invoke", e.RemoteStackTrace);
        Assert.Contains("Remote traceback", e.ToString());
        Assert.Equal(3, list.Count); // The connection is still usable.
    }

    [Fact]
    public void MethodNotExposed_IsAClearError()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using EventProxy ev = manager.Event();
        var frame = new byte[17];
        frame[0] = 3; // Call
        BitConverter.TryWriteBytes(frame.AsSpan(1), ev.Id);
        BitConverter.TryWriteBytes(frame.AsSpan(9), 99);
        RemoteException e = Assert.Throws<RemoteException>(() => ev.Reference.Client.Request(frame));
        Assert.Equal("System.MissingMethodException", e.RemoteTypeName);
        Assert.Contains("not exposed", e.RemoteMessage);
    }

    [Fact]
    public void ResultsAreCopies_UnlessTheyAreProxies()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using DictProxy<string, List<int>> dict = manager.Dict<string, List<int>>();
        dict["b"] = [1];
        dict["b"].Add(2); // Python's copy trap: changes a copy.
        Assert.Equal([1], dict["b"]);
        List<int> copy = dict["b"];
        copy.Add(2);
        dict["b"] = copy; // The cure: store it back.
        Assert.Equal([1, 2], dict["b"]);
        Process<int> child = Spawn.ManagerSumStoredList(dict, "b");
        Assert.True(child.Join(Patience));
        Assert.Equal(3, child.GetResult());
        child.Close();

        using DictProxy<string, ListProxy<int>> shared = manager.Dict<string, ListProxy<int>>();
        using (ListProxy<int> inner = manager.List<int>())
        {
            shared["l"] = inner;
        }

        using (ListProxy<int> again = shared["l"])
        {
            again.Add(2); // A proxy: changes the one shared list.
        }

        using ListProxy<int> third = shared["l"];
        Assert.Equal([2], third.ToList());
    }

    [Fact]
    public void NestedQueueInADictionary_WorksFromAChild_AndLivesAsLongAsTheDictionary()
    {
        using SyncManager manager = Multiprocessing.Manager();
        int baseline = manager.GetObjectCount();
        var dict = manager.Dict<string, QueueProxy<int>>();
        using (QueueProxy<int> queue = manager.Queue<int>())
        {
            dict["q"] = queue;
        }

        Assert.Equal(baseline + 2, manager.GetObjectCount()); // The dictionary keeps the queue alive.
        Process child = Spawn.ManagerPutThroughNested(dict, 42);
        Assert.True(child.Join(Patience));
        Assert.Equal(0, child.ExitCode);
        child.Close();
        using (QueueProxy<int> queue = dict["q"])
        {
            Assert.Equal(42, queue.Get(Patience));
        }

        dict.Dispose();

        // Freeing the dictionary frees the queue it held, once the server has also seen the child's connection end
        // (the child's references ride that connection, and the server learns of its end on its own time).
        WaitUntil(() => manager.GetObjectCount() == baseline, "the dictionary and the queue it held to be freed");
    }

    [Fact]
    public void ReferenceCount_FreedOnDispose_AndWhenAChildHoldingProxiesIsKilled()
    {
        using SyncManager manager = Multiprocessing.Manager();
        int baseline = manager.GetObjectCount();
        ListProxy<int> list = manager.List([1]);
        using QueueProxy<int> block = manager.Queue<int>();
        using EventProxy holding = manager.Event();
        Assert.Equal(baseline + 3, manager.GetObjectCount());

        Process child = Spawn.ManagerHoldAndWait(list, block, holding);
        Assert.True(holding.Wait(Patience));
        list.Dispose(); // The child still holds the list.
        Assert.Equal(baseline + 3, manager.GetObjectCount());

        child.Kill();
        Assert.True(child.Join(Patience));
        child.Close();
        WaitUntil(() => manager.GetObjectCount() == baseline + 2, "the killed child's references to be released");
        block.Dispose();
        holding.Dispose();
        Assert.Equal(baseline, manager.GetObjectCount());
    }

    [Fact]
    public async Task ServerKilled_ProxiesFailPromptly_NeverHang()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using QueueProxy<int> queue = manager.Queue<int>();
        using ListProxy<int> list = manager.List<int>();
        list.Add(1);
        var blocked = Task.Run(() => queue.Get());
        Thread.Sleep(100); // Let the get reach the server (not required for the assertion).
        manager.ServerProcess!.Kill();
        Assert.True(manager.ServerProcess.Join(Patience));
        var started = DateTime.UtcNow;
        Assert.Throws<ManagerUnavailableException>(() => list.Add(2));
        Assert.Throws<ManagerUnavailableException>(() => list.Count);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1), "a call on a dead manager took a second or more");
        await Assert.ThrowsAsync<ManagerUnavailableException>(() => blocked.WaitAsync(Patience));
    }

    [Fact]
    public void ManagerOwnerKilled_LeavesNoServerBehind()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        using (reader)
        {
            Process owner = Spawn.ManagerOwner(writer, false);
            writer.Close();
            int serverPid = reader.Recv<int>();
            Assert.True(ProcessWatch.IsRunning(serverPid));
            owner.Kill();
            Assert.True(owner.Join(Patience));
            owner.Close();
            Assert.True(ProcessWatch.WaitForExit(serverPid, Patience), "the manager's server survived its SIGKILLed owner");
        }
    }

    [Fact]
    public void ManagerOwnerExitsWithoutDisposing_LeavesNoServerBehind()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        using (reader)
        {
            Process owner = Spawn.ManagerOwner(writer, true);
            writer.Close();
            int serverPid = reader.Recv<int>();
            Assert.True(owner.Join(Patience));
            Assert.Equal(0, owner.ExitCode);
            owner.Close();
            Assert.True(ProcessWatch.WaitForExit(serverPid, Patience), "the manager's server survived its owner's exit");
        }
    }

    [Fact]
    public void OneProxy_ManyThreads_IsSafe()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using ListProxy<int> list = manager.List<int>();
        using DictProxy<int, int> dict = manager.Dict<int, int>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (int i = 0; i < 50; i++)
            {
                list.Add((t * 1000) + i);
                dict[(t * 1000) + i] = i;
            }
        });
        Assert.Equal(400, list.Count);
        Assert.Equal(400, dict.Count);
        Assert.Equal(400, list.ToList().Distinct().Count());
    }

    [Fact]
    public async Task BlockingCalls_FromSeveralThreads_DoNotBlockEachOther()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using QueueProxy<int> queue = manager.Queue<int>();
        Task<int> getter = Task.Run(() => queue.Get(Patience));
        Thread.Sleep(50);
        queue.Put(7); // Same proxy, another thread, while the get waits in the server.
        Assert.Equal(7, await getter.WaitAsync(Patience));
    }

    [Fact]
    public void EveryBuiltInProxyKind_TravelsToAChild_AndItsReferencesEndWithIt()
    {
        using SyncManager manager = Multiprocessing.Manager();
        int baseline = manager.GetObjectCount();
        LockProxy plain = manager.Lock();
        LockProxy reentrant = manager.RLock();
        SemaphoreProxy semaphore = manager.Semaphore(1);
        ConditionProxy condition = manager.Condition();
        BarrierProxy barrier = manager.Barrier(2);
        ValueProxy<int> value = manager.Value(1);
        ArrayProxy<int> array = manager.Array([0, 0, 0]);
        NamespaceProxy names = manager.Namespace();
        JoinableQueueProxy<int> queue = manager.JoinableQueue<int>();
        Assert.Equal(baseline + 9, manager.GetObjectCount());

        Process sync = Spawn.ManagerUseSyncKinds(plain, reentrant, semaphore, condition, barrier);
        Process data = Spawn.ManagerUseDataKinds(value, array, names, queue);
        Assert.InRange(barrier.Wait(Patience), 0, 1); // The child is the other party.
        Assert.Equal(5, queue.Get(timeout: Patience));
        queue.TaskDone(); // Lets the child's Join return.
        foreach (Process child in new[] { sync, data })
        {
            Assert.True(child.Join(Patience));
            Assert.Equal(0, child.ExitCode);
            child.Close();
        }

        Assert.True(plain.Acquire(blocking: false)); // The child released what it took.
        plain.Release();
        Assert.True(reentrant.Acquire(blocking: false));
        reentrant.Release();
        Assert.Equal(2, semaphore.Value);
        Assert.Equal(42, value.Value);
        Assert.Equal([0, 7, 0], array.ToArray());
        Assert.Equal("child", names.Get<string>("who"));

        // The children never disposed their proxies: their exit released their references, so disposing ours frees all.
        foreach (BaseProxy proxy in new BaseProxy[] { plain, reentrant, semaphore, condition, barrier, value, array, names, queue })
        {
            proxy.Dispose();
        }

        WaitUntil(() => manager.GetObjectCount() == baseline, "the children's references to be released");
    }
}
