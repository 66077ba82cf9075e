namespace Multiproc;

/// <summary>
/// Thrown by <see cref="ProcessBarrier.Wait"/> when the barrier is broken or is reset while waiting
/// (Python's <c>threading.BrokenBarrierError</c>): a wait timed out, <see cref="ProcessBarrier.Abort"/> was
/// called, or the action threw.
/// </summary>
public sealed class BrokenBarrierException : MultiprocessingException
{
    /// <summary>Creates the exception.</summary>
    public BrokenBarrierException()
        : this("The ProcessBarrier is broken (a wait timed out, it was aborted or reset, or its action threw); call Reset() to use it again.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BrokenBarrierException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public BrokenBarrierException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
