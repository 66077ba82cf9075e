using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Managers;

namespace Multiproc.Tests.Managers;

public sealed class SyncManagerTests : ChildProcessTest
{
    [Fact]
    public void List_Reverse_PrintsAsPython()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using ListProxy<int> list = manager.List(Enumerable.Range(0, 10));
        list.Reverse();
        Assert.Equal("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", list.ToString());
        Assert.Equal(10, list.Count);
        Assert.Equal(9, list[0]);
        list[0] = 90;
        list.Insert(1, -1);
        list.RemoveAt(2);
        Assert.True(list.Remove(0));
        Assert.Equal([90, -1, 7, 6, 5, 4, 3, 2, 1], list.ToList());
        Assert.Equal(2, list.IndexOf(7));
        Assert.Contains(5, list);
    }

    [Fact]
    public void Types_used_only_in_manager_containers_cross_to_the_server_and_back()
    {
        // ManagedLevel and List<ManagedReading> appear in no [ProcessTarget] signature: their serializers exist
        // because the generator sees manager.List<…>() and manager.Dict<…>() (without them: "No wire serializer
        // is registered for type …").
        using SyncManager manager = Multiprocessing.Manager();
        using ListProxy<ManagedLevel> levels = manager.List<ManagedLevel>();
        using DictProxy<string, List<ManagedReading>> bySensor = manager.Dict<string, List<ManagedReading>>();
        levels.Add(ManagedLevel.High);
        bySensor["north"] = [new ManagedReading("north", 1.5), new ManagedReading("north", 2.5)];
        Assert.Equal(ManagedLevel.High, levels[0]);
        Assert.Equal([new ManagedReading("north", 1.5), new ManagedReading("north", 2.5)], bySensor["north"]);
    }

    [Fact]
    public void DictionaryAndList_SharedWithFourChildren_SeeEveryEntry()
    {
        using SyncManager manager = Multiprocessing.Manager();
        using DictProxy<string, int> dict = manager.Dict<string, int>();
        using ListProxy<int> list = manager.List<int>();
        dict["parent"] = -1;
        Process[] children = [.. Enumerable.Range(1, 4).Select(n => (Process)Spawn.ManagerAddEntries(dict, list, n))];
        foreach (Process child in children)
        {
            Assert.True(child.Join(Patience));
            Assert.Equal(0, child.ExitCode);
            child.Close();
        }

        Assert.Equal(5, dict.Count);
        Assert.Equal(-1, dict["parent"]);
        for (int n = 1; n <= 4; n++)
        {
            Assert.Equal(n * n, dict[$"child-{n}"]);
        }

        Assert.Equal([1, 2, 3, 4], list.Order());
        Assert.Equal(2, manager.GetObjectCount());
    }

    [Fact]
    public void Dispose_ShutsTheServerDown_ProxiesFailPromptly()
    {
        SyncManager manager = Multiprocessing.Manager();
        Process server = manager.ServerProcess!;
        int pid = server.Pid!.Value;
        ListProxy<int> list = manager.List([1, 2, 3]);
        manager.Dispose();
        Assert.False(Directory.Exists($"/proc/{pid}") && LeakCheck.ParentOf(pid) == Environment.ProcessId);
        var started = DateTime.UtcNow;
        ManagerUnavailableException e = Assert.Throws<ManagerUnavailableException>(() => list.Count);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
        Assert.Contains("shut down", e.Message);
        list.Dispose();
        Assert.Throws<ObjectDisposedException>(() => manager.List<int>()); // the manager itself was disposed
    }
}

/// <summary>A level kept only in manager containers (never in a target signature).</summary>
public enum ManagedLevel
{
    /// <summary>Low.</summary>
    Low,

    /// <summary>High.</summary>
    High,
}

/// <summary>A reading kept only in manager containers (never in a target signature).</summary>
/// <param name="Sensor">The sensor.</param>
/// <param name="Value">The value.</param>
[ProcessSerializable]
public sealed record ManagedReading(string Sensor, double Value);
