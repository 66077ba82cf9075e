namespace Multiproc;

/// <summary>
/// Thrown when a result was asked of a child that ended without one: it was killed by a signal, exited with
/// a code of its own, or crashed. <see cref="ExitCode"/> follows Python (<c>-N</c> for signal N).
/// </summary>
public sealed class ProcessFailedException : MultiprocessingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="exitCode">The child's exit code.</param>
    public ProcessFailedException(string message, int exitCode) : base(message) => ExitCode = exitCode;

    /// <summary>The child's exit code: its own code, or <c>-N</c> when killed by signal N.</summary>
    public int ExitCode { get; }
}
