using Multiproc.Processes;

namespace Multiproc;

/// <summary>
/// Module-level functions of Python's <c>multiprocessing</c>: the entry-point guard, the current and parent
/// process, active children, CPU count and the executable children run.
/// </summary>
public static partial class Multiprocessing
{
    /// <summary>
    /// The entry-point guard, C#'s <c>if __name__ == '__main__':</c>. Call it first in <c>Main</c> (or first in
    /// top-level statements): <c>if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;</c>.
    /// In a process started by Multiproc it runs the requested target and returns true with the exit code the
    /// program must return; otherwise it returns false at once and the program carries on as the parent.
    /// </summary>
    /// <param name="exitCode">In a child, the exit code to return from <c>Main</c>: 0, or 1 if the target threw.</param>
    /// <returns>True in a child (return <paramref name="exitCode"/> from <c>Main</c>), false in a parent.</returns>
    public static bool TryRunChild(out int exitCode) => ChildHost.TryRun(out exitCode);

    /// <summary>The current process: <c>MainProcess</c> or the child's name (Python's <c>current_process()</c>).</summary>
    /// <returns>The current process.</returns>
    public static ProcessInfo CurrentProcess()
    {
        ProcessIdentity id = ProcessIdentity.Current;
        return new ProcessInfo(id.Name, Environment.ProcessId, id.Daemon, isCurrent: true);
    }

    /// <summary>The parent of this child, or null in the main process (Python's <c>parent_process()</c>).</summary>
    /// <returns>The parent, or null.</returns>
    public static ProcessInfo? ParentProcess()
    {
        ProcessIdentity id = ProcessIdentity.Current;
        return id.ParentPid is int pid ? new ProcessInfo(id.ParentName ?? "MainProcess", pid, daemon: false, isCurrent: false) : null;
    }

    /// <summary>
    /// The children of this process that are still running; finished ones are reaped as a side effect
    /// (Python's <c>active_children()</c>).
    /// </summary>
    /// <returns>The running children.</returns>
    public static IReadOnlyList<Process> ActiveChildren() => ChildRegistry.Active();

    /// <summary>The number of CPUs available to this process (Python's <c>cpu_count()</c>).</summary>
    public static int CpuCount => Environment.ProcessorCount;

    /// <summary>
    /// Sets the program children run (Python's <c>set_executable()</c>): an apphost or native binary, or a
    /// <c>.dll</c> run as <c>dotnet exec</c>. Defaults to this program. A test runner or plugin host points
    /// children at a dedicated host program whose <c>Main</c> calls <see cref="TryRunChild"/>.
    /// </summary>
    /// <param name="path">The program's path.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void SetExecutable(string path) => ChildLauncher.SetExecutable(path);

    /// <summary>
    /// Keeps <paramref name="idleChildren"/> pre-started children waiting, so that <see cref="Process.Start"/>
    /// costs one message round trip instead of a program start ("warm start"; Python's
    /// <c>forkserver</c> idea without fork). 0 (the default) turns it off and ends the idle children. A warm
    /// child sees the environment as it was when it was pre-started; pipe and socket ends among the arguments
    /// are passed to it with the Start message, so pool workers and processes that take connections start
    /// warm too. Idle children are not listed by <see cref="ActiveChildren"/> and are ended at exit.
    /// </summary>
    /// <param name="idleChildren">How many idle children to keep; 0 disables warm start.</param>
    public static void SetWarmStart(int idleChildren) => WarmStart.Configure(idleChildren);

    /// <summary>How many pre-started children are waiting right now (see <see cref="SetWarmStart"/>). Does not block.</summary>
    public static int IdleWarmChildren => WarmStart.IdleCount;
}
