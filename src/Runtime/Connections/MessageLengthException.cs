namespace Multiproc;

/// <summary>
/// A frame on a <see cref="Connection"/> announced a length that cannot be accepted: longer than the maximum the
/// receiver asked for (Python's <c>OSError("bad message length")</c>), negative, or larger than a .NET array
/// can hold. As in Python the connection is closed, since the rest of the stream can no longer be trusted.
/// </summary>
/// <remarks>Derives from <see cref="IOException"/> (Python raises <c>OSError</c>), not from <see cref="MultiprocessingException"/>, so code that
/// handles a failing stream with <c>catch (IOException)</c> sees it.</remarks>
public sealed class MessageLengthException : IOException
{
    /// <summary>Creates the exception for a frame of <paramref name="length"/> bytes.</summary>
    /// <param name="message">What is wrong with the length.</param>
    /// <param name="length">The length announced by the frame header.</param>
    public MessageLengthException(string message, long length) : base(message) => Length = length;

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MessageLengthException(string message) : base(message) { }

    /// <summary>Creates the exception with a default message.</summary>
    public MessageLengthException() : base("bad message length") { }

    /// <summary>The length the frame header announced (-1 when unknown).</summary>
    public long Length { get; } = -1;
}
