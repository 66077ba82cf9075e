using System.Diagnostics;

namespace Multiproc.Queues;

/// <summary>
/// Serves <c>GetAsync</c> callers of one queue handle without blocking a thread-pool thread per waiter: one
/// dedicated background thread per handle (started on demand, gone after a second without waiters) takes
/// items for the waiters in arrival order. Cancellation completes a waiter at once; an item taken for a
/// waiter that was cancelled meanwhile is kept as the next item of this handle, so nothing is lost.
/// </summary>
internal sealed class AsyncGetWaiters<T>
{
    /// <summary>The thread never waits in shared memory longer than this without re-checking its waiters.</summary>
    private static readonly long s_sliceTicks = Stopwatch.Frequency / 20;

    private readonly SharedRing _ring;
    private readonly Func<Serialization.WireSerializer<T>> _serializer;
    private readonly object _gate = new();

    /// <summary>Waiters in arrival order, each with its deadline (<see cref="Futex.Infinite"/> for none).</summary>
    private readonly LinkedList<(TaskCompletionSource<T> Source, long Deadline)> _pending = new();
    private bool _running;
    private bool _hasStash;
    private T _stash = default!;

    public AsyncGetWaiters(SharedRing ring, Func<Serialization.WireSerializer<T>> serializer)
    {
        _ring = ring;
        _serializer = serializer;
    }

    /// <summary>True when an item kept from a cancelled waiter is waiting to be taken.</summary>
    public bool HasStash
    {
        get
        {
            lock (_gate)
            {
                return _hasStash;
            }
        }
    }

    /// <summary>Takes the item kept from a cancelled waiter, if any: it is older than anything still in the queue.</summary>
    public bool TryTakeStash(out T item)
    {
        lock (_gate)
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
        var waiter = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_hasStash)
            {
                waiter.SetResult(_stash);
                _stash = default!;
                _hasStash = false;
                return waiter.Task;
            }

            _pending.AddLast((waiter, deadline));
            if (!_running)
            {
                _running = true;
                new Thread(Run) { IsBackground = true, Name = "Multiproc queue GetAsync" }.Start();
            }
            else
            {
                Monitor.Pulse(_gate);
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((AsyncGetWaiters<T>)((object[])state!)[0]).Cancel((TaskCompletionSource<T>)((object[])state!)[1], token),
                new object[] { this, waiter });
            waiter.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return waiter.Task;
    }

    private void Cancel(TaskCompletionSource<T> waiter, CancellationToken token)
    {
        Remove(waiter);
        waiter.TrySetCanceled(token);
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource<T> first;
            long deadline;
            lock (_gate)
            {
                while (_pending.First is null)
                {
                    if (!Monitor.Wait(_gate, 1000) && _pending.First is null)
                    {
                        _running = false;
                        return;
                    }
                }

                (first, deadline) = _pending.First.Value;
            }

            try
            {
                long slice = Math.Min(deadline, Stopwatch.GetTimestamp() + s_sliceTicks);
                if (_ring.TryGet(_serializer(), slice, out T item))
                {
                    Deliver(item);
                }
                else if (Futex.Expired(deadline) && Remove(first))
                {
                    first.TrySetException(new QueueEmptyException());
                }
            }
            catch (InvalidOperationException) when (_ring.IsClosed)
            {
                FailAll();
                return;
            }
            catch (Exception e)
            {
                if (Remove(first))
                {
                    first.TrySetException(e);
                }
            }
        }
    }

    private void Deliver(T item)
    {
        lock (_gate)
        {
            while (_pending.First is { } node)
            {
                _pending.RemoveFirst();
                if (node.Value.Source.TrySetResult(item))
                {
                    return;
                }
            }

            _stash = item;
            _hasStash = true;
        }
    }

    private bool Remove(TaskCompletionSource<T> waiter)
    {
        lock (_gate)
        {
            for (LinkedListNode<(TaskCompletionSource<T> Source, long Deadline)>? node = _pending.First; node is not null; node = node.Next)
            {
                if (node.Value.Source == waiter)
                {
                    _pending.Remove(node);
                    return true;
                }
            }

            return false;
        }
    }

    private void FailAll()
    {
        lock (_gate)
        {
            foreach ((TaskCompletionSource<T> waiter, _) in _pending)
            {
                waiter.TrySetException(QueueThrow.ClosedError());
            }

            _pending.Clear();
            _running = false;
        }
    }
}
