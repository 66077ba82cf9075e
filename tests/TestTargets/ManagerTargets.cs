namespace Multiproc.Tests.Targets.Managers;

/// <summary>Child-side targets for the manager tests: proxies arrive as arguments and the child reconnects to the manager.</summary>
public static class ManagerTargets
{
    /// <summary>Adds one entry to the shared dictionary and one item to the shared list.</summary>
    [ProcessTarget]
    public static void ManagerAddEntries(DictProxy<string, int> dict, ListProxy<int> list, int n)
    {
        dict[$"child-{n}"] = n * n;
        list.Add(n);
        dict.Dispose();
        list.Dispose();
    }

    /// <summary>Takes references to the proxies' objects, reports it holds them, then waits to be killed.</summary>
    [ProcessTarget]
    public static void ManagerHoldAndWait(ListProxy<int> list, QueueProxy<int> queue, EventProxy holding)
    {
        using ListProxy<int> copy = list;
        holding.Set();
        queue.Get(); // Blocks until the test kills this process.
    }

    /// <summary>Puts squares of what arrives on <paramref name="tasks"/> on <paramref name="results"/> until the tasks stay empty for a second.</summary>
    [ProcessTarget]
    public static int ManagerSquareWorker(QueueProxy<int> tasks, QueueProxy<string> results)
    {
        int done = 0;
        while (tasks.TryGet(out int n, TimeSpan.FromSeconds(1)))
        {
            results.Put($"{n} * {n} = {n * n}");
            done++;
        }

        return done;
    }

    /// <summary>Returns the sum of the list stored under <paramref name="key"/> (a copy read through the proxy).</summary>
    [ProcessTarget]
    public static int ManagerSumStoredList(DictProxy<string, List<int>> dict, string key)
    {
        using (dict)
        {
            return dict[key].Sum();
        }
    }

    /// <summary>Reads the queue stored under "q" in the dictionary and puts a value on it (a nested proxy).</summary>
    [ProcessTarget]
    public static void ManagerPutThroughNested(DictProxy<string, QueueProxy<int>> dict, int value)
    {
        using QueueProxy<int> queue = dict["q"];
        queue.Put(value);
    }
}

/// <summary>Targets that own a manager themselves.</summary>
public static class ManagerOwnerTargets
{
    /// <summary>Starts a manager, reports its server's pid, then sleeps until killed (or returns at once when <paramref name="exit"/>).</summary>
    [ProcessTarget]
    public static void ManagerOwner(Connection report, bool exit)
    {
        SyncManager manager = Multiprocessing.Manager();
        report.Send(manager.ServerProcess!.Pid!.Value);
        report.Close();
        if (!exit)
        {
            Thread.Sleep(Timeout.Infinite);
        }

        // Exits without disposing the manager: the runtime's exit path must end the server.
    }
}

/// <summary>Targets for the shared-memory manager tests.</summary>
public static class ShareableListTargets
{
    /// <summary>Replaces items 0 and 3 of a list it attached to as an argument; returns item 1.</summary>
    [ProcessTarget]
    public static double ShareableListWrite(ShareableList list)
    {
        using (list)
        {
            list[0] = 42;
            list[3] = "yo";
            return (double)list[1]!;
        }
    }

    /// <summary>Uses each synchronization kind once through proxies that arrived as arguments (the test checks the effects).</summary>
    [ProcessTarget]
    public static void ManagerUseSyncKinds(LockProxy plain, LockProxy reentrant, SemaphoreProxy semaphore, ConditionProxy condition, BarrierProxy barrier)
    {
        plain.Acquire();
        plain.Release();
        reentrant.Acquire();
        reentrant.Acquire();
        reentrant.Release();
        reentrant.Release();
        semaphore.Release();
        condition.Acquire();
        condition.NotifyAll();
        condition.Release();
        barrier.Wait(TimeSpan.FromSeconds(60));
    }

    /// <summary>Changes each data kind once through proxies that arrived as arguments.</summary>
    [ProcessTarget]
    public static void ManagerUseDataKinds(ValueProxy<int> value, ArrayProxy<int> array, NamespaceProxy names, JoinableQueueProxy<int> queue)
    {
        value.Value = 42;
        array[1] = 7;
        names.Set("who", "child");
        queue.Put(5);
        queue.Join(TimeSpan.FromSeconds(60));
    }
}
