namespace Multiproc;

/// <summary>
/// The base of the exceptions Multiproc defines: catch it to handle anything the library itself raises. Mirrors
/// Python's <c>multiprocessing.ProcessError</c>, the base of <c>BufferTooShort</c>, <c>AuthenticationError</c> and
/// <c>TimeoutError</c>.
/// </summary>
/// <remarks>
/// <para>
/// Beneath it: <see cref="ProcessStartException"/>, <see cref="ProcessFailedException"/>, <see cref="RemoteException"/>,
/// <see cref="QueueEmptyException"/>, <see cref="QueueFullException"/>, <see cref="AbandonedLockException"/>,
/// <see cref="BrokenBarrierException"/>, <see cref="BufferTooShortException"/>, <see cref="AuthenticationFailedException"/>,
/// <see cref="Serialization.WireFormatException"/> and <see cref="WorkerDiedException"/>.
/// </para>
/// <para>
/// Not beneath it, because .NET code already catches them by their standard type: use after close or dispose raises
/// <see cref="ObjectDisposedException"/>; a bad argument <see cref="ArgumentException"/>; a call in the wrong state
/// (releasing an unlocked lock, joining an unstarted process) <see cref="InvalidOperationException"/>; a timeout
/// that Python reports as <c>TimeoutError</c> <see cref="TimeoutException"/>; the end of a connection
/// <see cref="EndOfStreamException"/>; and failures of the operating system or the network <see cref="IOException"/>,
/// including <see cref="ManagerUnavailableException"/> and <see cref="MessageLengthException"/>, which derive from it.
/// </para>
/// </remarks>
public class MultiprocessingException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public MultiprocessingException()
        : base("A multiprocessing operation failed.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">The message.</param>
    public MultiprocessingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, or null.</param>
    public MultiprocessingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
