namespace Multiproc;

/// <summary>One queued async wait of an <see cref="AsyncWaitPump"/>.</summary>
internal sealed class AsyncWaiter
{
    public TaskCompletionSource<bool> Source { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Timer? Timer { get; set; }

    public CancellationTokenRegistration Registration { get; set; }

    /// <summary>Drops the timer and the token registration.</summary>
    public void Release()
    {
        Timer?.Dispose();
        Registration.Dispose();
    }
}
