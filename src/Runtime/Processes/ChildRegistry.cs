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
    private static volatile bool s_exiting;

    /// <summary>Whether the exit cleanup has begun: no child may start any more (it would be neither terminated nor joined).</summary>
    public static bool IsExiting => s_exiting;

    /// <summary>Registers a started child; false once the exit cleanup has begun (the caller ends the child).</summary>
    public static bool TryAdd(Process process)
    {
        lock (s_lock)
        {
            if (s_exiting)
            {
                return false;
            }

            s_children.Add(process);
            if (!s_hooked)
            {
                s_hooked = true;
                AppDomain.CurrentDomain.ProcessExit += static (_, _) => OnExit();
                ExitSignals.Install(SignalNonDaemons);
            }

            return true;
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

    /// <summary>Passes <paramref name="signal"/> on to the running non-daemon children (on SIGINT/SIGTERM, before the exit joins them).</summary>
    public static void SignalNonDaemons(int signal)
    {
        lock (s_lock)
        {
            // The program is on its way out: from now on no child starts (a pool would otherwise replace a worker
            // that dies meanwhile, and the replacement would outlive the exit cleanup).
            s_exiting = true;
        }

        foreach (Process child in Active())
        {
            Quietly(() =>
            {
                if (!child.Daemon)
                {
                    child.SendSignal(signal);
                }
            });
        }
    }

    private static void OnExit()
    {
        lock (s_lock)
        {
            // Under the lock: every child registered before this is in the snapshot below, and every later
            // registration is refused (Process.Start then kills the child it has just launched).
            s_exiting = true;
        }

        Process[] running = Active();
        foreach (Process child in running)
        {
            if (child.Daemon)
            {
                Quietly(child.Terminate);
            }
        }

        foreach (Process child in running)
        {
            Quietly(() => child.Join());
        }
    }

    /// <summary>
    /// Runs one step of the exit cleanup. Its owner may close a child's <see cref="Process"/> meanwhile (a pool
    /// closing a worker it has just reaped): nothing is left to do for it, and the cleanup goes on.
    /// </summary>
    private static void Quietly(Action step)
    {
        try
        {
            step();
        }
        catch (InvalidOperationException)
        {
        }
    }
}
