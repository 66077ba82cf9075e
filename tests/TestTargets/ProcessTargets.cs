namespace Multiproc.Tests.Targets;

/// <summary>Targets for the process tests. Each runs in a real child started by the test host program.</summary>
public static class ProcessTargets
{
    [ProcessTarget]
    public static int Square(int x) => x * x;

    [ProcessTarget]
    public static void Noop()
    {
    }

    [ProcessTarget]
    public static void Sleep(int milliseconds) => Thread.Sleep(milliseconds);

    [ProcessTarget]
    public static void Fail(string message) => throw new InvalidOperationException(message);

    [ProcessTarget]
    public static void ExitWith(int code) => Environment.Exit(code);

    /// <summary>What the child knows about itself and its parent.</summary>
    [ProcessTarget]
    public static string Describe()
    {
        ProcessInfo self = Multiprocessing.CurrentProcess();
        ProcessInfo? parent = Multiprocessing.ParentProcess();
        return $"{self.Name}|{self.Pid}|{self.Daemon}|{parent?.Name}|{parent?.Pid}";
    }

    /// <summary>Starts a grandchild and returns what it says about itself.</summary>
    [ProcessTarget]
    public static string DescribeGrandchild() => Spawn.Describe().GetResult();

    /// <summary>Tries to start a child from this (daemon) process; returns the error message.</summary>
    [ProcessTarget]
    public static string TrySpawnChild()
    {
        try
        {
            Spawn.Noop().Join();
            return "started";
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Starts a daemon grandchild that sleeps forever and, if <paramref name="joinedMarker"/> is set, a
    /// non-daemon grandchild that writes that file after a pause; writes the daemon's pid to
    /// <paramref name="pidFile"/>; then sleeps forever (when <paramref name="stay"/>) or returns, letting the
    /// exit handler terminate the daemon and join the other.
    /// </summary>
    [ProcessTarget]
    public static void StartFamily(string pidFile, string? joinedMarker, bool stay)
    {
        Process daemon = Process.Create(Targets.Sleep, 600_000, new ProcessOptions { Daemon = true });
        daemon.Start();
        if (joinedMarker is not null)
        {
            Spawn.WriteFileAfter(joinedMarker, 300);
        }

        File.WriteAllText(pidFile + ".tmp", daemon.Pid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(pidFile + ".tmp", pidFile);
        if (stay)
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }

    [ProcessTarget]
    public static void WriteFileAfter(string path, int milliseconds)
    {
        Thread.Sleep(milliseconds);
        File.WriteAllText(path, "done");
    }

    [ProcessTarget]
    public static long Sum(int[] values, long offset) => values.Sum(v => (long)v) + offset;

    [ProcessTarget]
    public static string Echo(string? text) => text ?? "<null>";
}
