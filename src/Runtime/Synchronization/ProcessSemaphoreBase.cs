using System.ComponentModel;

namespace Multiproc;

/// <summary>
/// What <see cref="ProcessSemaphore"/> and <see cref="ProcessBoundedSemaphore"/> share: a counting semaphore on a
/// futex word in shared memory (Python's <c>BoundedSemaphore</c> is likewise a <c>Semaphore</c> subclass). A
/// semaphore has no owner, so a process dying while holding units does not give them back (as in Python).
/// </summary>
public abstract class ProcessSemaphoreBase : IDisposable
{
    private protected ProcessSemaphoreBase(SemaphoreHandle handle) => Handle = handle;

    /// <summary>The shared state; also what travels to a child.</summary>
    private protected SemaphoreHandle Handle { get; }

    /// <summary>The current count (Python's <c>get_value()</c>); a snapshot that may change at once.</summary>
    public int Value => Handle.Value;

    /// <summary>Describes the semaphore: its value (and a bounded one's bound) and its segment, like Python's <c>&lt;Semaphore(value=…)&gt;</c>.</summary>
    /// <returns>For example <c>&lt;ProcessSemaphore(value=2) mp_…&gt;</c>.</returns>
    public override string ToString() => Handle.Describe(GetType().Name);

    /// <summary>
    /// Takes one unit (Python's <c>acquire(block=True, timeout=None)</c>). Blocks up to
    /// <paramref name="timeout"/> while the count is zero, unless <paramref name="blocking"/> is false.
    /// </summary>
    /// <param name="blocking">False to try once without waiting.</param>
    /// <param name="timeout">The longest wait; null waits for ever. Not allowed with <paramref name="blocking"/> false.</param>
    /// <returns>True when a unit was taken; false on timeout or when a non-blocking attempt failed.</returns>
    public bool Acquire(bool blocking = true, TimeSpan? timeout = null) => Handle.Acquire(blocking, timeout);

    /// <summary>
    /// Takes one unit asynchronously (no Python equivalent). Holds no thread-pool thread while waiting:
    /// one background thread per semaphore serves all its async waiters.
    /// </summary>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when a unit was taken, false on timeout.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Handle.AcquireAsync(timeout, cancellationToken);

    /// <summary>Adds <paramref name="count"/> units and wakes as many waiters (Python's <c>release()</c>). Does not block.</summary>
    /// <param name="count">How many units; at least 1.</param>
    /// <exception cref="SemaphoreFullException">A bounded semaphore would exceed its initial value, or the count int.MaxValue.</exception>
    public void Release(int count = 1) => Handle.Release(count);

    /// <summary>Unmaps the semaphore from this process; the creator also unlinks its segment.</summary>
    public void Dispose()
    {
        Handle.Dispose();
        GC.SuppressFinalize(this);
    }
}
