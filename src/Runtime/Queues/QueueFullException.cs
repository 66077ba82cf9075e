namespace Multiproc;

/// <summary>
/// Python's <c>queue.Full</c>: a non-blocking put found the queue full, or a blocking put with a timeout
/// found no room before the timeout (maxsize items, or a full ring buffer).
/// </summary>
public sealed class QueueFullException : MultiprocessingException
{
    /// <summary>Creates the exception with the standard message.</summary>
    public QueueFullException()
        : base("The queue is full (no room appeared before the timeout, or the put did not block).")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">The message.</param>
    public QueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public QueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
