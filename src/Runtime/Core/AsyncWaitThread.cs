namespace Multiproc;

/// <summary>
/// The runtime's one async-waiter pump: async waiters queue here, and a single dedicated background thread (started
/// on demand, ended when no waiter is left) does the blocking waits in shared memory on their behalf, so no thread-pool
/// thread is held per waiter. Subclasses say what one round of waiting is: taking a lock or semaphore unit or waiting for
/// an event (<c>AsyncWaitPump</c>), watching a condition's or barrier's word (<c>AsyncWordWatcher</c>), taking a queue's
/// next item (<c>Queues/AsyncGetPump</c>). A thread per primitive or queue handle, not one for all: a futex wait
/// watches one word, and a blocked waiter thread must not delay the others.
/// <para>
/// Timeouts and cancellation complete a waiter's task at once (a timer, a token registration); the thread drops it on
/// its next round.
/// </para>
/// </summary>
/// <typeparam name="TResult">What a waiter's task completes with.</typeparam>
internal abstract class AsyncWaitThread<TResult>
{
    private readonly string _name;
    private readonly int _lingerMilliseconds;
    private readonly List<AsyncWaiter<TResult>> _waiters = [];
    private bool _running;

    /// <param name="name">The thread's name.</param>
    /// <param name="lingerMilliseconds">
    /// How long the thread waits for a new waiter before it ends once none is left (0: it ends at once); a queue read
    /// with <c>await GetAsync()</c> in a loop then does not start a thread per item.
    /// </param>
    protected AsyncWaitThread(string name, int lingerMilliseconds = 0)
    {
        _name = name;
        _lingerMilliseconds = lingerMilliseconds;
    }

    /// <summary>Guards the waiter list; held by <see cref="ForEachWaiter"/>.</summary>
    protected object Gate { get; } = new();

    /// <summary>Queues <paramref name="waiter"/> (or returns <paramref name="done"/> when there is none) and makes sure the thread runs.</summary>
    protected Task<TResult> Enqueue(AsyncWaiter<TResult>? waiter, Task<TResult>? done)
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
            else
            {
                Monitor.Pulse(Gate);
            }
        }

        return waiter.Source.Task;
    }

    /// <summary>One round: wait (at most a slice of about 100 ms) and complete the waiters it concerns.</summary>
    protected abstract void RunOnce();

    /// <summary>Calls <paramref name="visit"/> on each pending waiter, oldest first, under the gate, until it returns false.</summary>
    protected void ForEachWaiter(Func<AsyncWaiter<TResult>, bool> visit)
    {
        lock (Gate)
        {
            foreach (AsyncWaiter<TResult> w in _waiters)
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
                bool lingered = false;
                while (true)
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

                    if (_waiters.Count > 0)
                    {
                        break;
                    }

                    if (lingered || _lingerMilliseconds == 0)
                    {
                        _running = false;
                        return;
                    }

                    Monitor.Wait(Gate, _lingerMilliseconds);
                    lingered = true;
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
