// The seeds' first example: the parent prints its pid; the child prints its own pid and its parent's.
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

Console.WriteLine($"parent: pid {Environment.ProcessId} ({Multiprocessing.CurrentProcess().Name})");
Process child = Spawn.Greet("hello from the parent");
child.Join();
Console.WriteLine($"parent: child {child.Name} exited with code {child.ExitCode}");
return child.ExitCode ?? 1;

static class Work
{
    [ProcessTarget]
    public static void Greet(string message)
    {
        ProcessInfo self = Multiprocessing.CurrentProcess();
        Console.WriteLine($"child: pid {self.Pid} ({self.Name}), parent pid {Multiprocessing.ParentProcess()?.Pid}: {message}");
    }
}
