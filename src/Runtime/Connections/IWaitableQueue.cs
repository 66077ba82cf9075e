namespace Multiproc.Connections;

/// <summary>
/// A queue reader <see cref="Multiprocessing.Wait{T}"/> can wait on. Queues live in shared memory and wake their
/// sleepers with futexes, not descriptors, so <c>Wait</c> cannot hand them to <c>poll(2)</c>; it asks this instead,
/// between short polls of the descriptors.
/// </summary>
internal interface IWaitableQueue
{
    /// <summary>True when a get would not block at this moment (another consumer may still take the item first).</summary>
    /// <exception cref="ObjectDisposedException">The queue handle is closed.</exception>
    bool HasItems { get; }
}
