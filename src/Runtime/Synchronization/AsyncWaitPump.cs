namespace Multiproc;

/// <summary>
/// Async waits that <em>take</em> something (a lock, a semaphore unit) or wait for a flag (an event): the
/// thread does the blocking take in slices of <see cref="LockCore.OwnerCheckMilliseconds"/> (which also
/// covers dead-owner checks), hands what it took to the oldest waiter still waiting, and gives it back if
/// every waiter gave up. Timeouts and cancellation complete a waiter's task at once (a timer / a token
/// registration); the thread drops it on its next round.
/// </summary>
internal sealed class AsyncWaitPump : AsyncWaitThread<bool>
{
    private readonly Func<long, LockAcquireOutcome> _take;
    private readonly Action? _giveBack;
    private readonly Func<Exception>? _abandoned;

    /// <param name="take">Takes one unit, waiting until the deadline.</param>
    /// <param name="giveBack">Returns a unit nobody wanted; null for a broadcast (an event: one success completes everyone).</param>
    /// <param name="abandoned">Creates the exception for an abandoned take.</param>
    /// <param name="name">The thread's name.</param>
    public AsyncWaitPump(Func<long, LockAcquireOutcome> take, Action? giveBack, Func<Exception>? abandoned, string name)
        : base(name)
    {
        _take = take;
        _giveBack = giveBack;
        _abandoned = abandoned;
    }

    /// <summary>Queues an async waiter; its task completes with true (taken), false (timeout) or cancellation.</summary>
    public Task<bool> Enqueue(TimeSpan? timeout, CancellationToken cancellationToken) =>
        Enqueue(AsyncWaiter<bool>.Create(timeout, cancellationToken, 0, static s => s.TrySetResult(false), out Task<bool>? done), done);

    /// <inheritdoc/>
    protected override void RunOnce()
    {
        LockAcquireOutcome outcome = _take(Futex.DeadlineAfterMilliseconds(LockCore.OwnerCheckMilliseconds));
        if (outcome == LockAcquireOutcome.TimedOut)
        {
            return;
        }

        bool handed = false;
        ForEachWaiter(w =>
        {
            bool done = outcome == LockAcquireOutcome.Abandoned && _abandoned is not null
                ? w.Source.TrySetException(_abandoned())
                : w.Source.TrySetResult(true);
            handed |= done;
            return !(done && _giveBack is not null);
        });

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
