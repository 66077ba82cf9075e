namespace Multiproc;

/// <summary>
/// Thrown by <see cref="Process.Start"/> when the child could not be started or did not take up its target:
/// the executable is not a Multiproc program, exited before connecting back, did not connect in time, or
/// does not know the target (another build). The message says which and what to check.
/// </summary>
public sealed class ProcessStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to check.</param>
    public ProcessStartException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What went wrong and what to check.</param>
    /// <param name="inner">The cause.</param>
    public ProcessStartException(string message, Exception inner) : base(message, inner) { }
}
