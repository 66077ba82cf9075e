using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc.Queues;

/// <summary>
/// Serves <c>GetAsync</c> callers of one queue handle through the runtime's async-waiter pump
/// (<see cref="AsyncWaitThread{TResult}"/>): its thread takes items for the waiters in arrival order. A timeout
/// completes a waiter with <see cref="QueueEmptyException"/> and cancellation cancels it, both at once; an item taken
/// for a waiter that gave up meanwhile is kept as the next item of this handle, so nothing is lost.
/// </summary>
internal sealed class AsyncGetPump<T> : AsyncWaitThread<T>
{
    /// <summary>The thread never waits in shared memory longer than this without re-checking its waiters.</summary>
    private static readonly long s_sliceTicks = Stopwatch.Frequency / 20;

    private readonly SharedRing _ring;
    private readonly Func<WireSerializer<T>> _serializer;
    private bool _hasStash;
    private T _stash = default!;

    public AsyncGetPump(SharedRing ring, Func<WireSerializer<T>> serializer)
        : base("Multiproc queue GetAsync", lingerMilliseconds: 1000)
    {
        _ring = ring;
        _serializer = serializer;
    }

    /// <summary>True when an item kept from a waiter that gave up is waiting to be taken.</summary>
    public bool HasStash
    {
        get
        {
            lock (Gate)
            {
                return _hasStash;
            }
        }
    }

    /// <summary>Takes the item kept from a waiter that gave up, if any: it is older than anything still in the queue.</summary>
    public bool TryTakeStash(out T item)
    {
        lock (Gate)
        {
            item = _stash;
            _stash = default!;
            bool had = _hasStash;
            _hasStash = false;
            return had;
        }
    }

    /// <summary>Registers a waiter completed with the next item, <see cref="QueueEmptyException"/> at the deadline, or cancellation.</summary>
    public Task<T> Enqueue(long deadline, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            if (TryTakeStash(out T stashed))
            {
                return Task.FromResult(stashed);
            }

            TimeSpan? timeout = deadline == Futex.Infinite ? null : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            return Enqueue(AsyncWaiter<T>.Create(timeout, cancellationToken, 0, static s => s.TrySetException(new QueueEmptyException()), out Task<T>? done), done);
        }
    }

    /// <inheritdoc/>
    protected override void RunOnce()
    {
        T item;
        try
        {
            if (!_ring.TryGet(_serializer(), Stopwatch.GetTimestamp() + s_sliceTicks, out item))
            {
                return;
            }
        }
        catch (InvalidOperationException) when (_ring.IsClosed)
        {
            ForEachWaiter(static w =>
            {
                w.Source.TrySetException(ThrowHelper.CreateQueueClosed());
                return true;
            });
            return;
        }
        catch (Exception e)
        {
            // The item failed to decode (and was consumed): the oldest waiter still waiting gets the error.
            ForEachWaiter(w => !w.Source.TrySetException(e));
            return;
        }

        lock (Gate)
        {
            bool delivered = false;
            ForEachWaiter(w => !(delivered = w.Source.TrySetResult(item)));
            if (!delivered)
            {
                _stash = item;
                _hasStash = true;
            }
        }
    }
}
