namespace Multiproc;

/// <summary>One queued async wait of an <see cref="AsyncWaitThread"/>.</summary>
internal sealed class AsyncWaiter
{
    private AsyncWaiter()
    {
    }

    public TaskCompletionSource<bool> Source { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The value of the watched word when this waiter last looked (<see cref="AsyncWordWatcher"/> only).</summary>
    public int Observed { get; init; }

    private Timer? Timer { get; set; }

    private CancellationTokenRegistration Registration { get; set; }

    /// <summary>
    /// A waiter whose task completes with false when <paramref name="timeout"/> passes and is cancelled with
    /// <paramref name="cancellationToken"/>; null (and <paramref name="done"/> set) when the token is already cancelled.
    /// </summary>
    public static AsyncWaiter? Create(TimeSpan? timeout, CancellationToken cancellationToken, int observed, out Task<bool>? done)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            done = Task.FromCanceled<bool>(cancellationToken);
            return null;
        }

        done = null;
        AsyncWaiter waiter = new() { Observed = observed };
        if (timeout is TimeSpan t && t != Timeout.InfiniteTimeSpan)
        {
            waiter.Timer = new Timer(static w => ((AsyncWaiter)w!).Source.TrySetResult(false), waiter, t < TimeSpan.Zero ? TimeSpan.Zero : t, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(static (w, ct) => ((AsyncWaiter)w!).Source.TrySetCanceled(ct), waiter);
        }

        return waiter;
    }

    /// <summary>Drops the timer and the token registration.</summary>
    public void Release()
    {
        Timer?.Dispose();
        Registration.Dispose();
    }
}
