namespace Multiproc;

/// <summary>
/// A proxy or manager was used when its manager cannot serve it: the manager was shut down, its process died, or
/// nothing listens at its address. Raised at once (the client never waits for a server that is gone). Python raises
/// <c>ConnectionRefusedError</c>/<c>EOFError</c> here, or hangs.
/// </summary>
/// <remarks>Derives from <see cref="IOException"/> (Python's <c>ConnectionError</c> is an <c>OSError</c>), not from
/// <see cref="MultiprocessingException"/>, so code that handles a lost connection with <c>catch (IOException)</c> sees it.</remarks>
public sealed class ManagerUnavailableException : IOException
{
    /// <summary>Creates the exception with a standard message.</summary>
    public ManagerUnavailableException()
        : base("The manager is not available (shut down, or its process died).")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">The message.</param>
    public ManagerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, or null.</param>
    public ManagerUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
