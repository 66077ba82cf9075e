namespace Multiproc;

/// <summary>
/// The HMAC challenge/response handshake of a <see cref="Listener"/> or <see cref="Multiprocessing.Client(System.Net.EndPoint, byte[])"/>
/// failed: Python's <c>multiprocessing.AuthenticationError</c>. Raised on both sides when the keys differ, and by
/// <see cref="Listener.Accept"/> when a client sends something that is not a valid answer, or nothing in time.
/// The connection concerned is closed; a listener keeps accepting other clients.
/// </summary>
public sealed class AuthenticationFailedException : MultiprocessingException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public AuthenticationFailedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that made the handshake fail.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying error (end of stream, timeout, malformed frame).</param>
    public AuthenticationFailedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public AuthenticationFailedException() : base("Authentication of the connection failed.") { }
}
