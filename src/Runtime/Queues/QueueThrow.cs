namespace Multiproc.Queues;

/// <summary>
/// What is left of the queues' own throw helper: <c>AsyncGetWaiters</c> (being merged into the one async-waiter
/// pump) still calls <see cref="ClosedError"/>. Everything else throws through <see cref="ThrowHelper"/>; delete this
/// file when that call moves.
/// </summary>
internal static class QueueThrow
{
    /// <summary>Same as <see cref="ThrowHelper.CreateQueueClosed"/>.</summary>
    public static ObjectDisposedException ClosedError() => ThrowHelper.CreateQueueClosed();
}
