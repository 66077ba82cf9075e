namespace Multiproc;

/// <summary>
/// Thrown by an acquire of a <see cref="ProcessLock"/> or <see cref="ProcessRLock"/> (and waits that
/// re-acquire one, such as <see cref="ProcessCondition.Wait"/>) when the previous owner process died while
/// holding it. The lock <b>has been acquired</b> by the caller when this is thrown, exactly like .NET's
/// <see cref="System.Threading.AbandonedMutexException"/>: release it as usual, after checking or repairing
/// the state it protects. CPython has no equivalent: its waiters deadlock.
/// </summary>
public sealed class AbandonedLockException : MultiprocessingException
{
    /// <summary>Creates the exception.</summary>
    public AbandonedLockException()
        : this("The lock was abandoned: its owner process died while holding it. The lock is now held by the caller; the state it protects may be inconsistent.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public AbandonedLockException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public AbandonedLockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
