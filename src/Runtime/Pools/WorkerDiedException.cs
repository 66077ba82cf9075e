namespace Multiproc;

/// <summary>
/// A pool task failed because the worker process running it died (killed by a signal, out of memory,
/// <see cref="Environment.FailFast(string)"/>, a stack overflow, a native crash or its own
/// <see cref="Environment.Exit"/>). Only the task the worker held fails; the pool replaces the worker and
/// every other task carries on. Python's <c>Pool</c> hangs in this situation. Derives from
/// <see cref="MultiprocessingException"/>, as everything Multiproc raises does.
/// </summary>
public sealed class WorkerDiedException : MultiprocessingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="exitCode">The worker's exit code: <c>-N</c> for signal N, as Python reports it.</param>
    /// <param name="pid">The worker's process id.</param>
    public WorkerDiedException(string message, int exitCode, int pid) : base(message)
    {
        ExitCode = exitCode;
        Pid = pid;
    }

    /// <summary>The worker's exit code: its own code, or <c>-N</c> when killed by signal N (-9 SIGKILL, -6 SIGABRT, …).</summary>
    public int ExitCode { get; }

    /// <summary>The process id the worker had.</summary>
    public int Pid { get; }
}
