namespace Multiproc.Processes;

/// <summary>
/// Carries file descriptors (pipe and socket ends) to a child as inherited descriptors. While a process's
/// arguments are serialized, an object that wraps an fd calls <see cref="AddOutgoing"/> and writes the index
/// it gets; the launcher <c>dup2</c>s the collected fds into the child as <see cref="StartProtocol.FirstTransferredFd"/> + index; in the
/// child, while the arguments are deserialized, <see cref="TakeIncoming"/> turns the index back into an fd.
/// A warm child was started before the fds existed: it receives them with its Start frame (<c>SCM_RIGHTS</c>),
/// and index i is the i-th descriptor received.
/// Outside those two scopes both methods throw: such objects can travel only as process arguments.
/// </summary>
internal static class FdTransfer
{
    [ThreadStatic]
    private static List<int>? t_outgoing;

    [ThreadStatic]
    private static bool t_incoming;

    /// <summary>The descriptors that came with the Start frame (a warm child), or null (inherited at 4, 5, …).</summary>
    [ThreadStatic]
    private static int[]? t_received;

    /// <summary>True while this thread serializes a child's arguments (handles may include secrets for the child).</summary>
    public static bool IsCollectingOutgoing => t_outgoing is not null;

    /// <summary>True while this thread decodes its own process arguments.</summary>
    public static bool IsIncoming => t_incoming;

    /// <summary>Registers <paramref name="fd"/> to be inherited by the child being created; returns its index.</summary>
    public static int AddOutgoing(int fd)
    {
        List<int> list = t_outgoing ?? throw ThrowHelper.CreateObjectWrapsOperatingSystemHandleOnly();
        int existing = list.IndexOf(fd);
        if (existing >= 0)
        {
            return existing;
        }

        list.Add(fd);
        return list.Count - 1;
    }

    /// <summary>In a child, while arguments are read: the fd that arrived with <paramref name="index"/>.</summary>
    public static int TakeIncoming(int index)
    {
        if (!t_incoming)
        {
            ThrowHelper.ThrowTransferredHandleOnlyReadWhileChild();
        }

        if (index < 0 || index > 1000)
        {
            ThrowHelper.ThrowInvalidTransferredHandleIndex(index);
        }

        int fd;
        if (t_received is { } received)
        {
            fd = index < received.Length ? received[index]
                : throw ThrowHelper.CreateTransferredHandleIndexNamesNoneDescriptors(index, received.Length);
        }
        else
        {
            fd = StartProtocol.FirstTransferredFd + index;
        }

        // Not to be inherited further by this child's own children.
        Interop.Libc.Fcntl(fd, Interop.Libc.F_SETFD, Interop.Libc.FD_CLOEXEC);
        return fd;
    }

    /// <summary>Runs <paramref name="serialize"/> collecting fds; returns them in index order.</summary>
    public static int[] CollectOutgoing(Action serialize)
    {
        List<int>? previous = t_outgoing;
        t_outgoing = [];
        try
        {
            serialize();
            return [.. t_outgoing];
        }
        finally
        {
            t_outgoing = previous;
        }
    }

    /// <summary>
    /// Marks the current thread as decoding a child's arguments until disposed. <paramref name="received"/>
    /// are the descriptors that came with the Start frame; empty when they were inherited.
    /// </summary>
    public static IncomingScope BeginIncoming(int[] received)
    {
        t_incoming = true;
        t_received = received.Length > 0 ? received : null;
        return default;
    }

    /// <summary>Ends the incoming scope.</summary>
    public readonly struct IncomingScope : IDisposable
    {
        public void Dispose()
        {
            t_incoming = false;
            t_received = null;
        }
    }
}
