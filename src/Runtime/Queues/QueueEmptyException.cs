namespace Multiproc;

/// <summary>
/// Python's <c>queue.Empty</c>: a non-blocking get found the queue empty, or a blocking get with a timeout
/// found nothing before the timeout.
/// </summary>
public sealed class QueueEmptyException : MultiprocessingException
{
    /// <summary>Creates the exception with the standard message.</summary>
    public QueueEmptyException()
        : base("The queue is empty (no item arrived before the timeout, or the get did not block).")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">The message.</param>
    public QueueEmptyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public QueueEmptyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
