namespace Multiproc;

/// <summary>The async waits of <see cref="ProcessCondition"/> (a safe context: <c>await</c> is not allowed in an unsafe one).</summary>
public sealed partial class ProcessCondition
{
    /// <summary>
    /// Releases the lock, waits asynchronously until notified or <paramref name="timeout"/> passes, and
    /// re-acquires the lock before completing (the async form of Python's <c>wait(timeout=None)</c>). Holds
    /// no thread while waiting: one background thread per condition serves all its async waiters. Requires a
    /// condition over a <see cref="ProcessLock"/> that this process holds.
    /// </summary>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <param name="cancellationToken">
    /// Cancels the wait. The lock is re-acquired before the task is cancelled, as on every exit from a wait;
    /// a notification that arrived first wins (the task completes with true).
    /// </param>
    /// <returns>True when notified, false on timeout.</returns>
    /// <exception cref="InvalidOperationException">The lock is a <see cref="ProcessRLock"/>, or this process does not hold it.</exception>
    /// <exception cref="AbandonedLockException">Re-acquiring found the lock abandoned by a dead process (it is held now).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before a notification (the lock is held again).</exception>
    public async Task<bool> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        long deadline = Futex.DeadlineFrom(timeout);
        ProcessLock @lock = AsyncLock("wait");
        CheckOwned("wait");
        cancellationToken.ThrowIfCancellationRequested();
        AsyncWordWatcher watcher = _watcher ?? Interlocked.CompareExchange(ref _watcher, CreateWatcher(), null) ?? _watcher!;
        _region.Retain();
        try
        {
            long ticket = BeginWait();
            @lock.Release();
            bool notified = false;
            bool cancelled = false;
            try
            {
                while (true)
                {
                    int seq = ReadSeq();
                    if (TryConsume(ticket))
                    {
                        notified = true;
                        break;
                    }

                    if (!await watcher.WaitAsync(seq, Futex.Remaining(deadline), cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
            }
            finally
            {
                Exception? abandoned = null;
                try
                {
                    await @lock.AcquireAsync().ConfigureAwait(false);
                }
                catch (AbandonedLockException ex)
                {
                    abandoned = ex;
                }

                // Under the lock again (also when it came back abandoned).
                notified = notified || EndWait(ticket);
                if (abandoned is not null)
                {
                    throw abandoned;
                }
            }

            if (cancelled && !notified)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            return notified;
        }
        finally
        {
            _region.Exit();
        }
    }

    /// <summary>
    /// Waits asynchronously until <paramref name="predicate"/> is true (the async form of Python's
    /// <c>wait_for(predicate, timeout=None)</c>), evaluating it under the lock. Requires a condition over a
    /// <see cref="ProcessLock"/> that this process holds; holds no thread while waiting.
    /// </summary>
    /// <param name="predicate">The condition to wait for.</param>
    /// <param name="timeout">The longest total wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait (the lock is held again when the task is cancelled).</param>
    /// <returns>The last value of the predicate (false only on timeout).</returns>
    /// <exception cref="InvalidOperationException">The lock is a <see cref="ProcessRLock"/>, or this process does not hold it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the predicate held.</exception>
    public async Task<bool> WaitForAsync(Func<bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        long deadline = Futex.DeadlineFrom(timeout);
        AsyncLock("wait_for");
        CheckOwned("wait_for");
        bool result = predicate();
        while (!result)
        {
            TimeSpan? remaining = Futex.Remaining(deadline);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            await WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            result = predicate();
        }

        return result;
    }
}
