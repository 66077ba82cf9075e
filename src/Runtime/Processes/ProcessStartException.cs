namespace Multiproc;

/// <summary>
/// Thrown by <see cref="Process.Start"/> when the child could not be started or did not take up its target:
/// the executable is not a Multiproc program, exited before connecting back, did not connect in time, or
/// does not know the target (another build). The message says which and what to check.
/// </summary>
public sealed class ProcessStartException : MultiprocessingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to check.</param>
    public ProcessStartException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What went wrong and what to check.</param>
    /// <param name="inner">The cause.</param>
    public ProcessStartException(string message, Exception inner) : base(message, inner) { }

    /// <summary>
    /// The child's exit code when it exited before it could start its target (-N for signal N), else null. A
    /// child killed by a signal from outside says nothing about the executable; one that exited on its own does.
    /// </summary>
    internal int? ExitCode { get; private init; }

    /// <summary>True when the child was killed by a signal during its start, rather than failing on its own.</summary>
    internal bool KilledDuringStart => ExitCode < 0;

    /// <summary>The error for a child that exited (or was killed) before it could do <paramref name="what"/>.</summary>
    internal static ProcessStartException ExitedDuringStart(int pid, string command, int exitCode, string what) =>
        new(exitCode < 0
            ? $"The child process (pid {pid}, {command}) was killed by signal {-exitCode} before it could {what}."
            : $"The child process (pid {pid}, {command}) exited with code {exitCode} before it could {what}. " +
              "Is the executable a Multiproc program whose Main starts with Multiprocessing.TryRunChild(...)? " +
              "Point children at the right program with Multiprocessing.SetExecutable(path).")
        {
            ExitCode = exitCode,
        };
}
