namespace Multiproc.Serialization;

/// <summary>
/// Thrown when bytes received from another process are not a valid encoding of the expected type:
/// truncated, with a length that exceeds what remains, nested too deeply, or with trailing bytes.
/// Python has no equivalent (a bad pickle raises <c>UnpicklingError</c>).
/// </summary>
public sealed class WireFormatException : MultiprocessingException
{
    /// <summary>Creates the exception with a message that names the problem.</summary>
    /// <param name="message">What was wrong with the bytes.</param>
    public WireFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong with the bytes.</param>
    /// <param name="inner">The underlying exception.</param>
    public WireFormatException(string message, Exception inner) : base(message, inner) { }
}
