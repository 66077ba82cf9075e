namespace Multiproc;

/// <summary>One queued async wait of an <see cref="AsyncWaitThread{TResult}"/>.</summary>
internal sealed class AsyncWaiter<TResult>
{
    private readonly Func<TaskCompletionSource<TResult>, bool> _timedOut;

    private AsyncWaiter(Func<TaskCompletionSource<TResult>, bool> timedOut) => _timedOut = timedOut;

    public TaskCompletionSource<TResult> Source { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The value of the watched word when this waiter last looked (<see cref="AsyncWordWatcher"/> only).</summary>
    public int Observed { get; init; }

    private Timer? Timer { get; set; }

    private CancellationTokenRegistration Registration { get; set; }

    /// <summary>
    /// A waiter whose task <paramref name="timedOut"/> completes when <paramref name="timeout"/> passes (null: never) and
    /// that is cancelled with <paramref name="cancellationToken"/>; null (and <paramref name="done"/> set) when the token is
    /// already cancelled.
    /// </summary>
    public static AsyncWaiter<TResult>? Create(
        TimeSpan? timeout, CancellationToken cancellationToken, int observed, Func<TaskCompletionSource<TResult>, bool> timedOut, out Task<TResult>? done)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            done = Task.FromCanceled<TResult>(cancellationToken);
            return null;
        }

        done = null;
        AsyncWaiter<TResult> waiter = new(timedOut) { Observed = observed };
        if (timeout is TimeSpan t && t != Timeout.InfiniteTimeSpan)
        {
            waiter.Timer = new Timer(static w => ((AsyncWaiter<TResult>)w!).TimedOut(), waiter, t < TimeSpan.Zero ? TimeSpan.Zero : t, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(static (w, ct) => ((AsyncWaiter<TResult>)w!).Source.TrySetCanceled(ct), waiter);
        }

        return waiter;
    }

    /// <summary>Drops the timer and the token registration.</summary>
    public void Release()
    {
        Timer?.Dispose();
        Registration.Dispose();
    }

    private void TimedOut() => _timedOut(Source);
}
