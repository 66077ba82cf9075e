using Multiproc;
using Multiproc.Tests.Targets;

// Python's module-level register(typeid, callable): runs in every process of the program, so a manager server this
// program starts as a child makes the shared objects itself.
Multiproc.Tests.Targets.Managers.SharedCounterTargets.RegisterFactories();

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

if (args is ["selftest"])
{
    // Started by a test as `dotnet Multiproc.TestHost.dll selftest` or as the apphost: the default
    // executable resolution (no SetExecutable) must re-execute this program the same way.
    Process<string> child = Spawn.Describe();
    Console.WriteLine($"selftest parent {Environment.ProcessId}: child says {child.GetResult()}");
    return child.ExitCode ?? 1;
}

Console.Error.WriteLine("Multiproc.TestHost runs test children; start it through Multiproc, not by hand.");
return 2;
