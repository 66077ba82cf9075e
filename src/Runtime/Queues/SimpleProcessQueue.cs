using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Multiproc.Connections;
using Multiproc.Queues;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// Python's <c>multiprocessing.SimpleQueue</c>: put, get, empty and close, no size limit, no timeouts. Shares
/// the transport of <see cref="ProcessQueue{T}"/> (a shared-memory ring; a put waits only while the ring is full).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[DebuggerDisplay("{_queue}")]
public sealed class SimpleProcessQueue<T> : IWireSerializable<SimpleProcessQueue<T>>, IDisposable, IWaitableQueue
{
    private readonly ProcessQueue<T> _queue;

    /// <summary>Creates an empty queue (Python's <c>SimpleQueue()</c>). Does not block.</summary>
    public SimpleProcessQueue()
        : this(new ProcessQueue<T>())
    {
    }

    private SimpleProcessQueue(ProcessQueue<T> queue)
    {
        _queue = queue;
    }

    /// <inheritdoc/>
    bool IWaitableQueue.HasItems => ((IWaitableQueue)_queue).HasItems;

    /// <summary>True when the queue holds no items, at this moment. Mirrors Python's <c>SimpleQueue.empty()</c>. Does not block.</summary>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public bool IsEmpty => _queue.IsEmpty;

    /// <summary>Puts <paramref name="item"/> (Python's <c>put(obj)</c>); blocks only while the shared ring is full.</summary>
    /// <param name="item">The item.</param>
    public void Put(T item) => _queue.Put(item);

    /// <summary>Removes and returns the oldest item, blocking until there is one (Python's <c>get()</c>).</summary>
    /// <returns>The item.</returns>
    public T Get() => _queue.Get();

    /// <summary>
    /// Takes the oldest item if there is one now, without blocking (like <c>ChannelReader.TryRead</c>; Python's
    /// <c>SimpleQueue</c> has no non-blocking get).
    /// </summary>
    /// <param name="item">The item, when one was taken.</param>
    /// <returns>True when an item was taken; false when the queue was empty.</returns>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public bool TryGet([MaybeNullWhen(false)] out T item) => _queue.TryGet(out item);

    /// <summary>Waits asynchronously for the oldest item without blocking a thread-pool thread.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The item.</returns>
    public ValueTask<T> GetAsync(CancellationToken cancellationToken = default) => _queue.GetAsync(cancellationToken);

    /// <summary>Closes this handle (Python's <c>close()</c>); see <see cref="ProcessQueue{T}.Close"/>. Does not block.</summary>
    public void Close() => _queue.Close();

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => _queue.Dispose();

    /// <inheritdoc/>
    public override string ToString() => _queue.ToString().Replace("ProcessQueue", "SimpleProcessQueue", StringComparison.Ordinal);

    /// <inheritdoc cref="IWireSerializable{TSelf}.Write"/>
    static void IWireSerializable<SimpleProcessQueue<T>>.Write(ref WireWriter writer, SimpleProcessQueue<T> value) =>
        WireSerializable.Write<ProcessQueue<T>>(ref writer, value?._queue!);

    /// <inheritdoc cref="IWireSerializable{TSelf}.Read"/>
    static SimpleProcessQueue<T> IWireSerializable<SimpleProcessQueue<T>>.Read(ref WireReader reader) =>
        WireSerializable.Read<ProcessQueue<T>>(ref reader) is ProcessQueue<T> queue ? new SimpleProcessQueue<T>(queue) : null!;
}
