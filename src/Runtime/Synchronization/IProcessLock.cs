using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A cross-process lock a <see cref="ProcessCondition"/> can be built on: <see cref="ProcessLock"/> or
/// <see cref="ProcessRLock"/> (Python's <c>Condition(lock)</c> accepts either). Implemented only by Multiproc.
/// </summary>
public interface IProcessLock : IDisposable
{
    /// <summary>
    /// Acquires the lock (Python's <c>acquire(block=True, timeout=None)</c>). Blocks unless
    /// <paramref name="blocking"/> is false.
    /// </summary>
    /// <param name="blocking">False to try once without waiting.</param>
    /// <param name="timeout">The longest wait; null waits for ever. Only with <paramref name="blocking"/>.</param>
    /// <returns>True when acquired, false on timeout or when a non-blocking attempt failed.</returns>
    /// <exception cref="AbandonedLockException">Acquired, but the previous owner died holding it.</exception>
    bool Acquire(bool blocking = true, TimeSpan? timeout = null);

    /// <summary>Releases the lock (Python's <c>release()</c>). Does not block.</summary>
    void Release();

    /// <summary>
    /// True when the caller holds the lock: for a <see cref="ProcessLock"/> this process (the lock belongs
    /// to the process), for a <see cref="ProcessRLock"/> the calling thread of this process.
    /// </summary>
    internal bool IsHeldByCaller { get; }

    /// <summary>Releases every recursion level; returns how many there were.</summary>
    internal int ReleaseAll();

    /// <summary>Re-acquires <paramref name="count"/> levels after a condition wait (blocks).</summary>
    internal void Restore(int count);

    /// <summary>Writes the lock's kind and region.</summary>
    internal void WriteHandle(ref WireWriter writer);
}
