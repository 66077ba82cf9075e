using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A FIFO queue owned by a manager: Python's <c>manager.Queue()</c> (a <c>queue.Queue</c> behind a proxy). Unlike
/// <see cref="ProcessQueue{T}"/> (shared memory on one machine) it can be reached over TCP from other machines, and it
/// can be stored in a manager's list or dictionary. A blocking get or put waits in the manager; a timeout raises
/// <see cref="QueueEmptyException"/>/<see cref="QueueFullException"/> as Python raises <c>queue.Empty</c>/<c>Full</c>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public class QueueProxy<T> : BaseProxy, IManagedProxy<QueueProxy<T>>, IWireSerializable<QueueProxy<T>>
{
    static QueueProxy() => WireSerializer<QueueProxy<T>>.Register(WireSerializer<QueueProxy<T>>.Create(Write, Read));

    private protected QueueProxy(ProxyReference reference, ManagedObjectKind kind)
        : base(reference, kind)
    {
    }

    /// <inheritdoc/>
    public static ManagedObjectKind Kind => ManagedObjectKind.Queue;

    /// <summary>The number of items, approximately (Python's <c>qsize()</c>).</summary>
    public int Count => BitConverter.ToInt32(Invoke((int)QueueMethod.Count));

    /// <summary>Whether the queue is empty, approximately (Python's <c>empty()</c>).</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Whether the queue is full, approximately (Python's <c>full()</c>); never for an unbounded queue.</summary>
    public bool IsFull => MaxSize > 0 && Count >= MaxSize;

    /// <summary>The bound given at creation; 0 for none (Python's <c>maxsize</c>).</summary>
    public int MaxSize => BitConverter.ToInt32(Invoke((int)QueueMethod.MaxSize));

    /// <inheritdoc/>
    public static QueueProxy<T> Attach(ProxyReference reference) => new(reference, ManagedObjectKind.Queue);

    /// <summary>Puts an item, waiting for room while the queue is full (Python's <c>put(item, block, timeout)</c>).</summary>
    /// <param name="item">The item.</param>
    /// <param name="block">False: fail at once when full.</param>
    /// <param name="timeout">How long to wait for room; null waits for ever.</param>
    /// <exception cref="QueueFullException">No room before the timeout (or at once when not blocking).</exception>
    public void Put(T item, bool block = true, TimeSpan? timeout = null)
    {
        if (!TryPutCore(item, block ? timeout : TimeSpan.Zero))
        {
            ThrowHelper.ThrowQueueFull();
        }
    }

    /// <summary>
    /// Puts an item if there is room now, without waiting (like <c>ChannelWriter.TryWrite</c>; Python's
    /// <c>put_nowait</c> without the exception).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <returns>True when the item was put; false when the queue was full.</returns>
    public bool TryPut(T item) => TryPutCore(item, TimeSpan.Zero);

    /// <summary>Puts an item if there is room within <paramref name="timeout"/> (Python's <c>put(item, timeout=t)</c> without the exception).</summary>
    /// <param name="item">The item.</param>
    /// <param name="timeout">How long to wait for room; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</param>
    /// <returns>True when the item was put; false when no room appeared in time.</returns>
    public bool TryPut(T item, TimeSpan timeout) => TryPutCore(item, timeout);

    private bool TryPutCore(T item, TimeSpan? timeout)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        ProxyCodec<T>.WriteItem(ref args, item);
        return Invoke((int)QueueMethod.Put, ref args)[0] == 0;
    }

    /// <summary>Puts an item without blocking a thread while waiting for room.</summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the item is in the queue.</returns>
    public async Task PutAsync(T item, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(-1);
        ProxyCodec<T>.WriteItem(ref args, item);
        await InvokeAsync((int)QueueMethod.Put, ref args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes and returns the next item, waiting while the queue is empty (Python's <c>get(block, timeout)</c>).</summary>
    /// <param name="block">False: fail at once when empty.</param>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <returns>The item.</returns>
    /// <exception cref="QueueEmptyException">Nothing arrived before the timeout (or at once when not blocking).</exception>
    public T Get(bool block = true, TimeSpan? timeout = null)
    {
        if (!TryGetCore(out T item, block ? timeout : TimeSpan.Zero))
        {
            ThrowHelper.ThrowQueueEmpty();
        }

        return item;
    }

    /// <summary>Removes and returns the next item, waiting at most <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The item.</returns>
    /// <exception cref="QueueEmptyException">Nothing arrived before the timeout.</exception>
    public T Get(TimeSpan timeout) => Get(true, timeout);

    /// <summary>
    /// Takes the next item if there is one now, without waiting (like <c>ChannelReader.TryRead</c>; Python's
    /// <c>get_nowait()</c> without the exception).
    /// </summary>
    /// <param name="item">The item, when one was taken.</param>
    /// <returns>True when an item was taken; false when the queue was empty.</returns>
    public bool TryGet(out T item) => TryGetCore(out item, TimeSpan.Zero);

    /// <summary>Takes the next item if one arrives within <paramref name="timeout"/> (Python's <c>get(timeout=t)</c> without the exception).</summary>
    /// <param name="item">The item, when one was taken.</param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</param>
    /// <returns>True when an item was taken; false when none arrived in time.</returns>
    public bool TryGet(out T item, TimeSpan timeout) => TryGetCore(out item, timeout);

    private bool TryGetCore(out T item, TimeSpan? timeout)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout ?? Timeout.InfiniteTimeSpan));
        return Decode(Invoke((int)QueueMethod.Get, ref args), out item);
    }

    /// <summary>Removes and returns the next item without blocking a thread while the queue is empty.</summary>
    /// <param name="cancellationToken">Cancels the wait (the manager abandons it).</param>
    /// <returns>The item.</returns>
    public async Task<T> GetAsync(CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(-1);
        byte[] reply = await InvokeAsync((int)QueueMethod.Get, ref args, cancellationToken).ConfigureAwait(false);
        if (!Decode(reply, out T item))
        {
            ThrowHelper.ThrowQueueEmpty();
        }

        return item;
    }

    /// <summary>Removes and returns the next item without blocking a thread, waiting at most <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The item.</returns>
    /// <exception cref="QueueEmptyException">Nothing arrived before the timeout.</exception>
    public async Task<T> GetAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        byte[] reply = await InvokeAsync((int)QueueMethod.Get, ref args, cancellationToken).ConfigureAwait(false);
        if (!Decode(reply, out T item))
        {
            ThrowHelper.ThrowQueueEmpty();
        }

        return item;
    }

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, QueueProxy<T> value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static QueueProxy<T> Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new QueueProxy<T>(reference, ManagedObjectKind.Queue) : null!;

    private static bool Decode(byte[] reply, out T item)
    {
        var reader = new WireReader(reply);
        if (reader.ReadUnmanaged<byte>() != 0)
        {
            item = default!;
            return false;
        }

        item = ProxyCodec<T>.ReadItem(ref reader);
        return true;
    }
}
