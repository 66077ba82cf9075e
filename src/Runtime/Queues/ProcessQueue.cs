using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Multiproc.Connections;
using Multiproc.Queues;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// Python's <c>multiprocessing.Queue</c>: a FIFO of <typeparamref name="T"/> shared by any number of
/// producer and consumer processes. Pass it to a child as a <c>[ProcessTarget]</c> argument; the child
/// attaches to the same shared memory. Items travel in the wire format (<see cref="WireSerializer{T}"/>).
/// </summary>
/// <remarks>
/// <para>Named <c>ProcessQueue</c> so it never collides with <see cref="System.Collections.Generic.Queue{T}"/>.</para>
/// <para>
/// Items live in a shared-memory ring (default 4 MiB, <c>bufferSize</c>); there is no feeder thread: when
/// <see cref="Put(T)"/> returns, the item is in shared memory, so a child may exit right after putting
/// (Python's "joining processes that use queues" trap does not apply). Items larger than half the ring go to
/// their own <c>/dev/shm</c> file. The ring also bounds an unbounded queue: a put waits while it is full.
/// Items put by one producer arrive in the order it put them. Members may be called from any thread of any
/// process that holds the queue. See <c>docs/queues.md</c>.
/// </para>
/// </remarks>
/// <typeparam name="T">The item type: a primitive, string, byte array or a type the generator serializes.</typeparam>
[DebuggerDisplay("{ToString(),nq}")]
public class ProcessQueue<T> : IWireSerializable<ProcessQueue<T>>, IDisposable, IWaitableQueue
{
    private readonly SharedRing _ring;
    private WireSerializer<T>? _serializer;
    private AsyncGetPump<T>? _waiters;

    /// <summary>
    /// Creates a queue holding at most <paramref name="maxSize"/> items (Python's <c>Queue(maxsize)</c>; 0 or
    /// less = no item limit). Creates a <c>/dev/shm</c> segment, removed when this handle is closed or this
    /// process exits. Does not block.
    /// </summary>
    /// <param name="maxSize">The most items the queue holds; 0 or less for no limit (the buffer still bounds it).</param>
    public ProcessQueue(int maxSize = 0)
        : this(maxSize, SharedRing.DefaultCapacity)
    {
    }

    /// <summary>Creates a queue with a ring of <paramref name="bufferSize"/> bytes (rounded up to a power of two, at least 64 KiB). Does not block.</summary>
    /// <param name="maxSize">The most items the queue holds; 0 or less for no limit.</param>
    /// <param name="bufferSize">The shared ring's size in bytes (1 B to 1 GiB); items larger than half of it are spilled to their own segment.</param>
    public ProcessQueue(int maxSize, int bufferSize)
        : this(SharedRing.Create(Math.Max(0, maxSize), SharedRing.NormalizeCapacity(bufferSize), QueueFlags.None))
    {
    }

    private protected ProcessQueue(SharedRing ring)
    {
        _ring = ring;
    }

    /// <summary>The item limit given at creation (0 = none). Python: <c>Queue._maxsize</c>.</summary>
    public int MaxSize => _ring.MaxSize;

    /// <summary>The segment's file name under <c>/dev/shm</c>.</summary>
    internal string SegmentName => _ring.Name;

    /// <summary>The shared segment (an ordinary handle for subclasses).</summary>
    private protected SharedRing Ring => _ring;

    private WireSerializer<T> Serializer => _serializer ??= WireSerializer<T>.Default;

    /// <summary>
    /// The approximate number of items in the queue; other processes may change it at any moment. Mirrors Python's
    /// <c>Queue.qsize()</c>. Does not block.
    /// </summary>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public int Count => _ring.Count;

    /// <summary>True when the queue holds no items, at this moment. Mirrors Python's <c>Queue.empty()</c>. Does not block.</summary>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public bool IsEmpty => _ring.Count == 0;

    /// <inheritdoc/>
    bool IWaitableQueue.HasItems
    {
        get
        {
            if (_ring.IsClosed)
            {
                ThrowHelper.ThrowQueueClosed();
            }

            return (_waiters is not null && _waiters.HasStash) || _ring.HasData;
        }
    }

    /// <summary>
    /// True when the queue holds <see cref="MaxSize"/> items, at this moment; never for a queue without an item limit.
    /// Mirrors Python's <c>Queue.full()</c>. Does not block.
    /// </summary>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public bool IsFull => _ring.MaxSize > 0 && _ring.Count >= _ring.MaxSize;

    /// <summary>Puts <paramref name="item"/>, blocking while the queue is full (Python's <c>put(obj)</c>).</summary>
    /// <param name="item">The item.</param>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public void Put(T item) => PutCore(item, Futex.Infinite);

    /// <summary>
    /// Puts <paramref name="item"/>, blocking at most <paramref name="timeout"/> while the queue is full
    /// (Python's <c>put(obj, timeout=t)</c>).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="timeout">How long to wait for room; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <exception cref="QueueFullException">No room appeared within <paramref name="timeout"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public void Put(T item, TimeSpan timeout) => PutCore(item, Futex.DeadlineFrom(timeout));

    /// <summary>
    /// Python's <c>put(obj, block, timeout)</c>: when <paramref name="block"/> is false, puts only if there is
    /// room now (the timeout is ignored); otherwise waits up to <paramref name="timeout"/> (null = forever).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="block">Whether to wait for room.</param>
    /// <param name="timeout">How long to wait when blocking; null waits forever.</param>
    /// <exception cref="QueueFullException">There was no room (in time).</exception>
    public void Put(T item, bool block, TimeSpan? timeout = null) => PutCore(item, Deadline(block, timeout));

    /// <summary>Puts <paramref name="item"/> only if there is room now (Python's <c>put_nowait(obj)</c>). Does not block.</summary>
    /// <param name="item">The item.</param>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    public void PutNoWait(T item) => PutCore(item, Stopwatch.GetTimestamp());

    /// <summary>
    /// Puts <paramref name="item"/> if there is room now, without blocking (like <c>ChannelWriter.TryWrite</c>;
    /// Python's <c>put_nowait</c> without the exception).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <returns>True when the item was put; false when the queue was full.</returns>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public bool TryPut(T item) => TryPutCore(item, Stopwatch.GetTimestamp());

    /// <summary>
    /// Puts <paramref name="item"/>, waiting at most <paramref name="timeout"/> for room (Python's
    /// <c>put(obj, timeout=t)</c> without the exception).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="timeout">How long to wait for room; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <returns>True when the item was put; false when no room appeared in time.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public bool TryPut(T item, TimeSpan timeout) => TryPutCore(item, Futex.DeadlineFrom(timeout));

    /// <summary>Removes and returns the oldest item, blocking until there is one (Python's <c>get()</c>).</summary>
    /// <returns>The item.</returns>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public T Get() => GetCore(Futex.Infinite);

    /// <summary>Removes and returns the oldest item, blocking at most <paramref name="timeout"/> (Python's <c>get(timeout=t)</c>).</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <returns>The item.</returns>
    /// <exception cref="QueueEmptyException">No item arrived within <paramref name="timeout"/>.</exception>
    public T Get(TimeSpan timeout) => GetCore(Futex.DeadlineFrom(timeout));

    /// <summary>
    /// Python's <c>get(block, timeout)</c>: when <paramref name="block"/> is false, returns an item only if one
    /// is there now; otherwise waits up to <paramref name="timeout"/> (null = forever).
    /// </summary>
    /// <param name="block">Whether to wait for an item.</param>
    /// <param name="timeout">How long to wait when blocking; null waits forever.</param>
    /// <returns>The item.</returns>
    /// <exception cref="QueueEmptyException">There was no item (in time).</exception>
    public T Get(bool block, TimeSpan? timeout = null) => GetCore(Deadline(block, timeout));

    /// <summary>Returns an item only if one is there now (Python's <c>get_nowait()</c>). Does not block.</summary>
    /// <returns>The item.</returns>
    /// <exception cref="QueueEmptyException">The queue is empty.</exception>
    public T GetNoWait() => GetCore(Stopwatch.GetTimestamp());

    /// <summary>
    /// Takes the oldest item if there is one now, without blocking (like <c>ChannelReader.TryRead</c>; Python's
    /// <c>get_nowait()</c> without the exception).
    /// </summary>
    /// <param name="item">The item, when one was taken.</param>
    /// <returns>True when an item was taken; false when the queue was empty.</returns>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public bool TryGet([MaybeNullWhen(false)] out T item) => TryGetCore(Stopwatch.GetTimestamp(), out item);

    /// <summary>
    /// Takes the oldest item, waiting at most <paramref name="timeout"/> for one (Python's <c>get(timeout=t)</c>
    /// without the exception).
    /// </summary>
    /// <param name="item">The item, when one was taken.</param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <returns>True when an item was taken; false when none arrived in time.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public bool TryGet([MaybeNullWhen(false)] out T item, TimeSpan timeout) => TryGetCore(Futex.DeadlineFrom(timeout), out item);

    /// <summary>
    /// Waits asynchronously for the oldest item. Waiters of one handle share one background thread; no
    /// thread-pool thread blocks. An item is never lost to a cancelled waiter.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The item.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public ValueTask<T> GetAsync(CancellationToken cancellationToken = default) => GetAsyncCore(Futex.Infinite, cancellationToken);

    /// <summary>Waits asynchronously, at most <paramref name="timeout"/>, for the oldest item.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The item.</returns>
    /// <exception cref="QueueEmptyException">No item arrived within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public ValueTask<T> GetAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        GetAsyncCore(Futex.DeadlineFrom(timeout), cancellationToken);

    /// <summary>
    /// Closes this handle (Python's <c>close()</c>): it can no longer put or get, and calls blocked on other
    /// threads end with <see cref="ObjectDisposedException"/>. Items already put stay for other processes.
    /// The handle that created the queue also removes its shared memory; handles already attached in other
    /// processes keep working. Does not block.
    /// </summary>
    public void Close() => _ring.Dispose();

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="IWireSerializable{TSelf}.Write"/>
    static void IWireSerializable<ProcessQueue<T>>.Write(ref WireWriter writer, ProcessQueue<T> value) => WriteHandle(ref writer, value);

    /// <inheritdoc cref="IWireSerializable{TSelf}.Read"/>
    static ProcessQueue<T> IWireSerializable<ProcessQueue<T>>.Read(ref WireReader reader) =>
        ReadHandle(ref reader) is SharedRing ring ? new ProcessQueue<T>(ring) : null!;

    /// <inheritdoc/>
    public override string ToString()
    {
        string kind = GetType().Name.Split('`')[0];
        if (!_ring.IsClosed)
        {
            try
            {
                return $"<{kind} {_ring.Name} count={Count} maxsize={MaxSize}>";
            }
            catch (ObjectDisposedException)
            {
                // Closed on another thread meanwhile.
            }
        }

        return $"<{kind} {_ring.Name} closed>";
    }

    /// <summary>Encodes a handle as its segment name (null as the null string).</summary>
    private protected static void WriteHandle(ref WireWriter writer, ProcessQueue<T>? value)
    {
        if (value is not null && value._ring.IsClosed)
        {
            ThrowHelper.ThrowQueueClosed();
        }

        writer.WriteString(value?._ring.Name);
    }

    /// <summary>Attaches to the segment a handle was encoded as; null for the null handle.</summary>
    private protected static SharedRing? ReadHandle(ref WireReader reader) =>
        reader.ReadString() is string name ? SharedRing.Attach(name) : null;

    private static long Deadline(bool block, TimeSpan? timeout) =>
        block ? Futex.DeadlineFrom(timeout) : Stopwatch.GetTimestamp();

    private void PutCore(T item, long deadline)
    {
        if (!TryPutCore(item, deadline))
        {
            ThrowHelper.ThrowQueueFull();
        }
    }

    private bool TryPutCore(T item, long deadline)
    {
        var writer = new WireWriter(4096);
        try
        {
            Serializer.Write(ref writer, item);
            return _ring.TryPut(writer.WrittenSpan, deadline);
        }
        finally
        {
            writer.Dispose();
        }
    }

    private T GetCore(long deadline)
    {
        if (!TryGetCore(deadline, out T? item))
        {
            ThrowHelper.ThrowQueueEmpty();
        }

        return item;
    }

    private bool TryGetCore(long deadline, [MaybeNullWhen(false)] out T item)
    {
        if (_waiters is not null && _waiters.TryTakeStash(out item))
        {
            return true;
        }

        return _ring.TryGet(Serializer, deadline, out item);
    }

    private ValueTask<T> GetAsyncCore(long deadline, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        if (_waiters is not null && _waiters.TryTakeStash(out T stashed))
        {
            return new ValueTask<T>(stashed);
        }

        if (_ring.TryGet(Serializer, Stopwatch.GetTimestamp(), out T item))
        {
            return new ValueTask<T>(item);
        }

        if (_waiters is null)
        {
            Interlocked.CompareExchange(ref _waiters, new AsyncGetPump<T>(_ring, () => Serializer), null);
        }

        return new ValueTask<T>(_waiters.Enqueue(deadline, cancellationToken));
    }
}
