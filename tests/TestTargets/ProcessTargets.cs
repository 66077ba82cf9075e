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

    /// <summary>
    /// Like <see cref="StartFamily"/> with <c>stay</c>, but the daemon is a warm child: warm start on, the idle child
    /// taken for the daemon (it must be among this process's children before the start), warm start off again; writes
    /// the daemon's pid to <paramref name="pidFile"/>, then sleeps forever.
    /// </summary>
    [ProcessTarget]
    public static void StartWarmDaemonAndStay(string pidFile)
    {
        Multiprocessing.SetWarmStart(1);
        while (Multiprocessing.IdleWarmChildren < 1)
        {
            Thread.Sleep(5);
        }

        HashSet<int> idle = [.. ChildPidsOfThisProcess()];
        Process daemon = Process.Create(Targets.Sleep, 600_000, new ProcessOptions { Daemon = true });
        daemon.Start();
        Multiprocessing.SetWarmStart(0);
        if (!idle.Contains(daemon.Pid!.Value))
        {
            throw new InvalidOperationException($"the daemon (pid {daemon.Pid}) was not one of the idle warm children ({string.Join(", ", idle)})");
        }

        File.WriteAllText(pidFile + ".tmp", daemon.Pid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(pidFile + ".tmp", pidFile);
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>What this process's descriptors refer to (<c>readlink</c> of each <c>/proc/self/fd</c> entry), sorted.</summary>
    [ProcessTarget]
    public static string[] OpenDescriptors() =>
        [.. Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

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

    private static IEnumerable<int> ChildPidsOfThisProcess()
    {
        string self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }

            if (stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1] == self)
            {
                yield return pid;
            }
        }
    }
}
