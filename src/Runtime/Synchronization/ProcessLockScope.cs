namespace Multiproc;

/// <summary>
/// Holds a lock until disposed: <c>using (myLock.Hold()) { … }</c>, C#'s spelling of Python's
/// <c>with lock:</c>. Disposing releases the lock.
/// </summary>
public readonly struct ProcessLockScope : IDisposable
{
    private readonly IProcessLock? _lock;

    internal ProcessLockScope(IProcessLock @lock) => _lock = @lock;

    /// <summary>Releases the lock. Does not block.</summary>
    public void Dispose() => _lock?.Release();
}
