namespace Multiproc.Tests.DistributedTargets;

/// <summary>
/// Targets for the distributed tests. The ones that misbehave "the first time" keep their memory in a marker
/// file the test names, so a redelivered task behaves differently on its second run without any timing.
/// </summary>
public static class DistributedTargets
{
    [ProcessTarget]
    public static int Square(int x) => x * x;

    /// <summary>Sleeps, then returns <paramref name="value"/>.</summary>
    [ProcessTarget]
    public static int SleepThenReturn(int milliseconds, int value)
    {
        Thread.Sleep(milliseconds);
        return value;
    }

    /// <summary>
    /// The first run writes its pid to <paramref name="marker"/> and hangs until killed; later runs return
    /// how many runs there were (the marker's lines plus this one).
    /// </summary>
    [ProcessTarget]
    public static int HangFirstTime(string marker, int value)
    {
        if (!File.Exists(marker))
        {
            File.WriteAllText(marker, $"{Environment.ProcessId}\n");
            Thread.Sleep(Timeout.Infinite);
        }

        File.AppendAllText(marker, $"{Environment.ProcessId}\n");
        return value;
    }

    /// <summary>The first run (per marker) SIGKILLs its own process; later runs return <paramref name="value"/>.</summary>
    [ProcessTarget]
    public static int CrashFirstTime(string marker, int value)
    {
        if (!File.Exists(marker))
        {
            File.WriteAllText(marker, "crashed\n");
            System.Diagnostics.Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }

        return value;
    }

    /// <summary>Appends a line to <paramref name="log"/>, sleeps, returns how many runs the log shows.</summary>
    [ProcessTarget]
    public static int CountRuns(string log, int milliseconds)
    {
        File.AppendAllText(log, $"{Environment.ProcessId}\n");
        Thread.Sleep(milliseconds);
        return File.ReadAllLines(log).Length;
    }

    /// <summary>A poison task: appends a line to <paramref name="log"/> and SIGKILLs its own process, every time.</summary>
    [ProcessTarget]
    public static int KillOwnProcess(string log)
    {
        File.AppendAllText(log, $"{Environment.ProcessId}\n");
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>A poison task for the whole node: appends a line to <paramref name="log"/> and SIGKILLs its parent, the worker node.</summary>
    [ProcessTarget]
    public static int KillWorkerNode(string log)
    {
        File.AppendAllText(log, $"{Environment.ProcessId}\n");
        // /proc/self/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
        string stat = File.ReadAllText("/proc/self/stat");
        int parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        System.Diagnostics.Process.GetProcessById(parent).Kill();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Appends a line to <paramref name="log"/>, then throws.</summary>
    [ProcessTarget]
    public static int LogThenThrow(string log, string message)
    {
        File.AppendAllText(log, $"{Environment.ProcessId}\n");
        throw new InvalidOperationException(message);
    }

    /// <summary>Writes its pid to <paramref name="marker"/> and hangs until killed.</summary>
    [ProcessTarget]
    public static int StartThenHang(string marker)
    {
        File.WriteAllText(marker, $"{Environment.ProcessId}");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Creates <paramref name="path"/> (proof that it ran).</summary>
    [ProcessTarget]
    public static int Touch(string path)
    {
        File.AppendAllText(path, "ran\n");
        return 1;
    }

    [ProcessTarget]
    public static byte[] Echo(byte[] data) => data;

    [ProcessTarget]
    public static byte[] Zeros(int size) => new byte[size];
}
