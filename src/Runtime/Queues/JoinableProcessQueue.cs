using Multiproc.Queues;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// Python's <c>multiprocessing.JoinableQueue</c>: a <see cref="ProcessQueue{T}"/> that also counts unfinished
/// items. Every put raises the count, <see cref="TaskDone"/> lowers it, and <see cref="Join()"/> blocks until it is
/// zero. The count lives in the shared segment, so producers, consumers and joiners may be different processes.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class JoinableProcessQueue<T> : ProcessQueue<T>, IWireSerializable<JoinableProcessQueue<T>>
{
    /// <summary>Creates a joinable queue (Python's <c>JoinableQueue(maxsize)</c>). Does not block.</summary>
    /// <param name="maxSize">The most items the queue holds; 0 or less for no limit (the buffer still bounds it).</param>
    public JoinableProcessQueue(int maxSize = 0)
        : this(maxSize, SharedRing.DefaultCapacity)
    {
    }

    /// <summary>Creates a joinable queue with a ring of <paramref name="bufferSize"/> bytes. Does not block.</summary>
    /// <param name="maxSize">The most items the queue holds; 0 or less for no limit.</param>
    /// <param name="bufferSize">The shared ring's size in bytes (rounded up to a power of two, at least 64 KiB).</param>
    public JoinableProcessQueue(int maxSize, int bufferSize)
        : base(SharedRing.Create(Math.Max(0, maxSize), SharedRing.NormalizeCapacity(bufferSize), QueueFlags.Joinable))
    {
    }

    private JoinableProcessQueue(SharedRing ring)
        : base(ring)
    {
    }

    /// <summary>
    /// Items put and not yet marked done with <see cref="TaskDone"/>, across all processes (Python's
    /// <c>_unfinished_tasks</c>). Does not block.
    /// </summary>
    public int UnfinishedTasks => Ring.UnfinishedCount;

    /// <summary>
    /// Marks one item taken from the queue as processed (Python's <c>task_done()</c>); the last one wakes every
    /// <see cref="Join()"/>. Does not block.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called more times than items were put.</exception>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public void TaskDone() => Ring.TaskDone();

    /// <summary>Blocks until every item put has been marked done (Python's <c>join()</c>).</summary>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public void Join() => Ring.Join(Futex.Infinite);

    /// <summary>Blocks until every item put has been marked done, at most <paramref name="timeout"/>. Python's <c>join()</c> has no timeout.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <returns>True when all items are done, false when the timeout passed first.</returns>
    public bool Join(TimeSpan timeout) => Ring.Join(Futex.DeadlineFrom(timeout));

    /// <inheritdoc cref="IWireSerializable{TSelf}.Write"/>
    static void IWireSerializable<JoinableProcessQueue<T>>.Write(ref WireWriter writer, JoinableProcessQueue<T> value) => WriteHandle(ref writer, value);

    /// <inheritdoc cref="IWireSerializable{TSelf}.Read"/>
    static JoinableProcessQueue<T> IWireSerializable<JoinableProcessQueue<T>>.Read(ref WireReader reader)
    {
        if (ReadHandle(ref reader) is not SharedRing ring)
        {
            return null!;
        }

        if (!ring.Joinable)
        {
            ring.Dispose();
            ThrowHelper.ThrowQueueNotJoinable(ring.Name);
        }

        return new JoinableProcessQueue<T>(ring);
    }
}
