namespace Multiproc;

/// <summary>The result of trying to take a lock, a semaphore unit or an event.</summary>
internal enum LockAcquireOutcome
{
    /// <summary>Not taken before the deadline (or at once, for a non-blocking attempt).</summary>
    TimedOut,

    /// <summary>Taken.</summary>
    Acquired,

    /// <summary>Taken from an owner that died holding it: the protected state may be inconsistent.</summary>
    Abandoned,
}
