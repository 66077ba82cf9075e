using Multiproc.Interop;

namespace Multiproc;

/// <summary>
/// Becomes ready when a child process exits: Python's <c>Process.sentinel</c>. <see cref="Handle"/> is a
/// Linux pidfd, readable (for <c>poll</c>/<c>select</c>) once the child has exited; it stays valid until the
/// process object is closed.
/// </summary>
public sealed class ProcessSentinel
{
    private readonly Process _process;

    internal ProcessSentinel(Process process, int handle)
    {
        _process = process;
        Handle = handle;
    }

    /// <summary>The pollable file descriptor (a pidfd).</summary>
    public int Handle { get; }

    /// <summary>The process this sentinel belongs to.</summary>
    public Process Process => _process;

    /// <summary>Describes the sentinel: its descriptor and the process it belongs to.</summary>
    /// <returns>For example <c>&lt;ProcessSentinel fd=9 of &lt;Process name='Process-1' pid=123 started&gt;&gt;</c>.</returns>
    public override string ToString() => $"<ProcessSentinel fd={Handle} of {_process}>";

    /// <summary>Whether the child has exited. Does not block.</summary>
    public bool IsSet => Libc.PollReadable(Handle, 0);

    /// <summary>Waits until the child has exited or the timeout passes.</summary>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <returns>True when the child has exited.</returns>
    public bool Wait(TimeSpan? timeout = null)
    {
        return Libc.PollReadable(Handle, timeout);
    }
}
