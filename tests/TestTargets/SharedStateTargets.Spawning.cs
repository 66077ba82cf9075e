namespace Multiproc.Tests.Targets;

// Pending: enable (rename to .cs) once the generator produces Spawn.* in this assembly.
public static partial class SharedStateTargets
{
    /// <summary>
    /// Plays a parent that is SIGKILLed: creates a value, publishes its segment's name, hands the value to a
    /// non-daemon grandchild (<see cref="OutliveParent"/>) and waits to be killed.
    /// </summary>
    [ProcessTarget]
    public static void CreateThenSpawnAndHang(SharedArray<byte> nameOut, ProcessEvent ready, ProcessEvent release)
    {
        SharedValue<int> value = new(41);
        SharedMemory probe = SharedMemory.Create(8);
        PublishName(probe.Name, nameOut);
        Spawn.OutliveParent(value, release);
        ready.Set();
        Thread.Sleep(Timeout.Infinite);
        GC.KeepAlive(value);
        GC.KeepAlive(probe);
    }

    /// <summary>A grandchild that outlives its killed parent, then exits normally (and reaps the parent's segments).</summary>
    [ProcessTarget]
    public static int OutliveParent(SharedValue<int> value, ProcessEvent release)
    {
        release.Wait(Long);
        return value.Value + 1;
    }

    /// <summary>Starts a grandchild that creates a segment and hangs, kills it, and exits normally: the exit hook reaps the grandchild's segment.</summary>
    [ProcessTarget]
    public static string KillGrandchildThenExit()
    {
        using SharedArray<byte> nameOut = new(256);
        using ProcessEvent ready = new();
        Process grandchild = Spawn.CreateSegmentAndHang(nameOut, ready);
        ready.Wait(Long);
        grandchild.Kill();
        grandchild.Join();
        return ReadName(nameOut);
    }
}
