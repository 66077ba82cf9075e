using Multiproc.Interop;

namespace Multiproc;

/// <summary>
/// The current process or the parent of this one, as returned by <see cref="Multiprocessing.CurrentProcess"/>
/// and <see cref="Multiprocessing.ParentProcess"/> (Python's <c>current_process()</c> and <c>parent_process()</c>).
/// </summary>
public sealed class ProcessInfo
{
    internal ProcessInfo(string name, int pid, bool daemon, bool isCurrent)
    {
        Name = name;
        Pid = pid;
        Daemon = daemon;
        IsCurrent = isCurrent;
    }

    /// <summary>The process name: <c>MainProcess</c>, or the name the parent gave this child.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Pid { get; }

    /// <summary>Whether the process is a daemon.</summary>
    public bool Daemon { get; }

    /// <summary>True for the current process, false for the parent.</summary>
    public bool IsCurrent { get; }

    /// <summary>Whether the process is still running. For the parent: false once it has exited.</summary>
    public bool IsAlive => IsCurrent || (Libc.Kill(Pid, 0) == 0 && Libc.GetParentPid() == Pid);

    /// <summary>Waits until the (parent) process exits; returns false if the timeout passes first.</summary>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <returns>True when the process has exited.</returns>
    /// <exception cref="InvalidOperationException">Called on the current process (Python: "can't join self").</exception>
    public bool Join(TimeSpan? timeout = null)
    {
        if (IsCurrent)
        {
            ThrowHelper.ThrowCannotJoinCurrentProcess();
        }

        int pidfd = Libc.PidfdOpen(Pid, 0);
        if (pidfd < 0)
        {
            return true;
        }

        try
        {
            return Libc.PollReadable(pidfd, timeout) || !IsAlive;
        }
        finally
        {
            Libc.Close(pidfd);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{(IsCurrent ? "Current" : "Parent")}Process name='{Name}' pid={Pid}{(Daemon ? " daemon" : string.Empty)}>";
}
