namespace Multiproc;

/// <summary>
/// A message did not fit the buffer given to <see cref="Connection.RecvBytesInto(byte[], int)"/>: Python's
/// <c>multiprocessing.BufferTooShort</c>. The message has been consumed from the connection and is carried whole in
/// <see cref="ReceivedMessage"/>; the connection stays usable.
/// </summary>
public sealed class BufferTooShortException : MultiprocessingException
{
    /// <summary>Creates the exception for a message that did not fit.</summary>
    /// <param name="receivedMessage">The whole message.</param>
    /// <param name="available">How many bytes the buffer had from the offset on.</param>
    public BufferTooShortException(byte[] receivedMessage, int available)
        : base($"The message of {receivedMessage?.Length ?? 0} bytes does not fit the {available} bytes available in the buffer; it was received whole and is in ReceivedMessage.")
    {
        ArgumentNullException.ThrowIfNull(receivedMessage);
        ReceivedMessage = receivedMessage;
    }

    /// <summary>Creates the exception with a message and no received bytes.</summary>
    /// <param name="message">The message.</param>
    public BufferTooShortException(string message) : base(message) => ReceivedMessage = [];

    /// <summary>Creates the exception with a default message and no received bytes.</summary>
    public BufferTooShortException() : this("The buffer is too short for the message.") { }

    /// <summary>The whole message that did not fit (Python's <c>e.args[0]</c>).</summary>
    public byte[] ReceivedMessage { get; }
}
