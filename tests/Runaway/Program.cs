using Multiproc;

namespace Multiproc.Tests.Runaway;

/// <summary>
/// Every process that runs this program appends "pid ppid" to the file named by RUNAWAY_LOG (children
/// inherit the variables), so the test counts how many processes the chain started.
/// </summary>
internal static class Program
{
    private static readonly string Mode = Environment.GetEnvironmentVariable("RUNAWAY_MODE") ?? "no-guard";

    static Program()
    {
        File.AppendAllText(Environment.GetEnvironmentVariable("RUNAWAY_LOG")!, $"{Environment.ProcessId} {Libc.GetParentPid()}\n");
        if (Mode == "static-constructor")
        {
            // Runs before Main, so before the guard: in a child this would start the next generation.
            Spawn.Work(1).Join();
        }
    }

    private static int Main()
    {
        if (Mode == "static-constructor" && Multiprocessing.TryRunChild(out int exitCode))
        {
            return exitCode;
        }

        // Mode "no-guard": Main has no guard, so every child comes here and starts another child.
        Process<int> child = Spawn.Work(2);
        child.Join();
        return child.ExitCode ?? 99;
    }
}

internal static class ChainTargets
{
    [ProcessTarget]
    public static int Work(int x) => x;
}

internal static partial class Libc
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetParentPid();
}
