namespace Multiproc;

/// <summary>The async wait of <see cref="ProcessBarrier"/> (a safe context: <c>await</c> is not allowed in an unsafe one).</summary>
public sealed partial class ProcessBarrier
{
    /// <summary>
    /// Waits asynchronously until <see cref="Parties"/> waits have begun (the async form of Python's
    /// <c>wait(timeout=None)</c>). Holds no thread while waiting: one background thread per barrier serves
    /// all its async waiters. Sync and async waits mix freely, in any processes.
    /// </summary>
    /// <param name="timeout">The longest wait; null uses the barrier's default timeout.</param>
    /// <param name="cancellationToken">
    /// Cancels the wait. Like a timeout, cancelling a wait that has arrived breaks the barrier for every party
    /// (the pass can no longer complete); a pass that completed first wins (the task completes with the index).
    /// </param>
    /// <returns>This wait's arrival index, 0 to <see cref="Parties"/> - 1.</returns>
    /// <exception cref="BrokenBarrierException">The barrier is or became broken, or was reset, or the wait timed out.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public async Task<int> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AsyncWordWatcher watcher = _watcher ?? Interlocked.CompareExchange(ref _watcher, CreateWatcher(), null) ?? _watcher!;
        _region.Retain();
        try
        {
            long deadline = DeadlineOf(timeout);
            int index = NotArrived;
            bool timedOut = false;
            bool cancelled = false;
            while (true)
            {
                BarrierStep step = Step(ref index, timedOut, cancelled, out int seq);
                if (step == BarrierStep.Done)
                {
                    return index;
                }

                if (step == BarrierStep.Cancelled)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                TimeSpan? wait = step == BarrierStep.AwaitTurn ? null : Futex.Remaining(deadline);
                try
                {
                    timedOut = !await watcher.WaitAsync(seq, wait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                }
            }
        }
        finally
        {
            _region.Exit();
        }
    }
}
