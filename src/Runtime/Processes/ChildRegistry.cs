namespace Multiproc.Processes;

/// <summary>
/// The children this process started and has not reaped. At exit (Python's <c>atexit</c> hook in
/// <c>multiprocessing.util</c>): daemon children are terminated, then every child is joined.
/// </summary>
internal static class ChildRegistry
{
    private static readonly object s_lock = new();
    private static readonly List<Process> s_children = [];
    private static bool s_hooked;

    public static void Add(Process process)
    {
        lock (s_lock)
        {
            s_children.Add(process);
            if (!s_hooked)
            {
                s_hooked = true;
                AppDomain.CurrentDomain.ProcessExit += static (_, _) => OnExit();
            }
        }
    }

    public static void Remove(Process process)
    {
        lock (s_lock)
        {
            s_children.Remove(process);
        }
    }

    /// <summary>Running children, reaping those that have exited (Python's <c>active_children()</c>).</summary>
    public static Process[] Active()
    {
        Process[] snapshot;
        lock (s_lock)
        {
            snapshot = [.. s_children];
        }

        return Array.FindAll(snapshot, static p => p.IsRunningForExit);
    }

    private static void OnExit()
    {
        Process[] running = Active();
        foreach (Process child in running)
        {
            if (child.Daemon)
            {
                child.Terminate();
            }
        }

        foreach (Process child in running)
        {
            child.Join();
        }
    }
}
