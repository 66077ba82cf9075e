using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A counting semaphore shared between processes, mirroring Python's <c>multiprocessing.Semaphore</c>. Releasing it more often than it was acquired is allowed, as in Python.
/// Built on a futex word in shared memory; a semaphore has no owner, so a process dying while holding
/// units does not give them back (as in Python). Passed to a <c>[ProcessTarget]</c> it travels as a handle.
/// </summary>
/// <remarks>Named so that it does not collide with <see cref="System.Threading.Semaphore"/>.</remarks>
[DebuggerDisplay("ProcessSemaphore (value {Value})")]
public sealed class ProcessSemaphore : IDisposable, IWireSerializable<ProcessSemaphore>
{
    private readonly SemaphoreHandle _handle;

    /// <summary>Creates a semaphore with <paramref name="value"/> units (Python's <c>Semaphore(value=1)</c>). Does not block.</summary>
    /// <param name="value">The initial count; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public ProcessSemaphore(int value = 1) => _handle = SemaphoreHandle.Create(SharedObjectKind.Semaphore, value, bounded: false);

    private ProcessSemaphore(SemaphoreHandle handle) => _handle = handle;

    /// <summary>The current count (Python's <c>get_value()</c>); a snapshot that may change at once.</summary>
    public int Value => _handle.Value;

    /// <summary>
    /// Takes one unit (Python's <c>acquire(block=True, timeout=None)</c>). Blocks up to
    /// <paramref name="timeout"/> while the count is zero, unless <paramref name="blocking"/> is false.
    /// </summary>
    /// <param name="blocking">False to try once without waiting.</param>
    /// <param name="timeout">The longest wait; null waits for ever. Not allowed with <paramref name="blocking"/> false.</param>
    /// <returns>True when a unit was taken; false on timeout or when a non-blocking attempt failed.</returns>
    public bool Acquire(bool blocking = true, TimeSpan? timeout = null) => _handle.Acquire(blocking, timeout);

    /// <summary>
    /// Takes one unit asynchronously (no Python equivalent). Holds no thread-pool thread while waiting:
    /// one background thread per semaphore serves all its async waiters.
    /// </summary>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when a unit was taken, false on timeout.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _handle.AcquireAsync(timeout, cancellationToken);

    /// <summary>Adds <paramref name="count"/> units and wakes as many waiters (Python's <c>release()</c>). Does not block.</summary>
    /// <param name="count">How many units; at least 1.</param>
    /// <exception cref="SemaphoreFullException">The count would exceed int.MaxValue.</exception>
    public void Release(int count = 1) => _handle.Release(count);

    /// <summary>Unmaps the semaphore from this process; the creator also unlinks its segment.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>Writes the semaphore's handle (segment name and offset).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The semaphore.</param>
    public static void Write(ref WireWriter writer, ProcessSemaphore value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value._handle.Write(ref writer);
        }
    }

    /// <summary>Re-attaches to the semaphore described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same semaphore.</returns>
    public static ProcessSemaphore Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SemaphoreHandle.Read(ref reader, SharedObjectKind.Semaphore, nameof(ProcessSemaphore)));
}
