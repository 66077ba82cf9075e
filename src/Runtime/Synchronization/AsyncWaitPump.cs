namespace Multiproc;

/// <summary>
/// Serves the async waits of one primitive without holding a thread-pool thread per waiter: async waiters
/// queue here and a single dedicated background thread (started on demand, ended when the queue empties)
/// does the blocking futex waits in slices of <see cref="LockCore.OwnerCheckMilliseconds"/>, hands what it
/// takes to the oldest waiter still waiting and gives it back if nobody wants it. Timeouts and
/// cancellation complete a waiter's task at once (a timer / token registration); the pump drops it later.
/// A thread per primitive, not one for all: a futex wait watches one word, and a blocked pump must not
/// delay the others.
/// </summary>
internal sealed class AsyncWaitPump
{
    private readonly Func<long, LockAcquireOutcome> _take;
    private readonly Action? _giveBack;
    private readonly Func<Exception>? _abandoned;
    private readonly string _name;
    private readonly object _gate = new();
    private readonly List<AsyncWaiter> _waiters = [];
    private bool _running;

    /// <param name="take">Takes one unit, waiting until the deadline.</param>
    /// <param name="giveBack">Returns a unit nobody wanted; null for a broadcast (an event: one success completes everyone).</param>
    /// <param name="abandoned">Creates the exception for an abandoned take.</param>
    /// <param name="name">The pump thread's name.</param>
    public AsyncWaitPump(Func<long, LockAcquireOutcome> take, Action? giveBack, Func<Exception>? abandoned, string name)
    {
        _take = take;
        _giveBack = giveBack;
        _abandoned = abandoned;
        _name = name;
    }

    /// <summary>Queues an async waiter; its task completes with true (taken), false (timeout) or cancellation.</summary>
    public Task<bool> Enqueue(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        AsyncWaiter waiter = new();
        if (timeout is TimeSpan t && t != Timeout.InfiniteTimeSpan)
        {
            waiter.Timer = new Timer(static w => ((AsyncWaiter)w!).Source.TrySetResult(false), waiter, t, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(static (w, ct) => ((AsyncWaiter)w!).Source.TrySetCanceled(ct), waiter);
        }

        lock (_gate)
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

    private void Run()
    {
        while (true)
        {
            lock (_gate)
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

            LockAcquireOutcome outcome;
            try
            {
                outcome = _take(Futex.DeadlineAfterMilliseconds(LockCore.OwnerCheckMilliseconds));
            }
            catch (Exception ex)
            {
                FailAll(ex);
                continue;
            }

            if (outcome == LockAcquireOutcome.TimedOut)
            {
                continue;
            }

            bool handed = false;
            lock (_gate)
            {
                foreach (AsyncWaiter w in _waiters)
                {
                    bool done = outcome == LockAcquireOutcome.Abandoned && _abandoned is not null
                        ? w.Source.TrySetException(_abandoned())
                        : w.Source.TrySetResult(true);
                    if (done)
                    {
                        handed = true;
                        if (_giveBack is not null)
                        {
                            break;
                        }
                    }
                }
            }

            if (!handed && _giveBack is not null)
            {
                try
                {
                    _giveBack();
                }
                catch (ObjectDisposedException)
                {
                    // The primitive was disposed while we held a unit for a waiter that gave up.
                }
            }
        }
    }

    private void FailAll(Exception ex)
    {
        lock (_gate)
        {
            foreach (AsyncWaiter w in _waiters)
            {
                w.Source.TrySetException(ex);
            }
        }
    }
}
