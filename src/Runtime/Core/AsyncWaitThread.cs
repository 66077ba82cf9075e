namespace Multiproc;

/// <summary>
/// The thread half of the async waits of one primitive: async waiters queue here, and a single dedicated
/// background thread (started on demand, ended when the queue empties) does the blocking futex waits on
/// their behalf, so no thread-pool thread is held per waiter. Subclasses say what one round of waiting is.
/// A thread per primitive, not one for all: a futex wait watches one word, and a blocked waiter thread must
/// not delay the others.
/// </summary>
internal abstract class AsyncWaitThread
{
    private readonly string _name;
    private readonly List<AsyncWaiter> _waiters = [];
    private bool _running;

    protected AsyncWaitThread(string name) => _name = name;

    /// <summary>Guards the waiter list; held by <see cref="ForEachWaiter"/>.</summary>
    protected object Gate { get; } = new();

    /// <summary>Queues <paramref name="waiter"/> (or returns <paramref name="done"/> when there is none) and makes sure the thread runs.</summary>
    protected Task<bool> Enqueue(AsyncWaiter? waiter, Task<bool>? done)
    {
        if (waiter is null)
        {
            return done!;
        }

        lock (Gate)
        {
            _waiters.Add(waiter);
            if (!_running)
            {
                _running = true;
                new Thread(Run) { IsBackground = true, Name = _name }.Start();
            }
        }

        return waiter.Source.Task;
    }

    /// <summary>One round: wait (at most <see cref="LockCore.OwnerCheckMilliseconds"/>) and complete the waiters it concerns.</summary>
    protected abstract void RunOnce();

    /// <summary>Calls <paramref name="visit"/> on each pending waiter, oldest first, under the gate, until it returns false.</summary>
    protected void ForEachWaiter(Func<AsyncWaiter, bool> visit)
    {
        lock (Gate)
        {
            foreach (AsyncWaiter w in _waiters)
            {
                if (!visit(w))
                {
                    return;
                }
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            lock (Gate)
            {
                _waiters.RemoveAll(static w =>
                {
                    if (!w.Source.Task.IsCompleted)
                    {
                        return false;
                    }

                    w.Release();
                    return true;
                });

                if (_waiters.Count == 0)
                {
                    _running = false;
                    return;
                }
            }

            try
            {
                RunOnce();
            }
            catch (Exception ex)
            {
                ForEachWaiter(w =>
                {
                    w.Source.TrySetException(ex);
                    return true;
                });
            }
        }
    }
}
