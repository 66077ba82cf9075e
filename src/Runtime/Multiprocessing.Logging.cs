using Microsoft.Extensions.Logging;

namespace Multiproc;

/// <content>The one place to turn on Multiproc's structured logging.</content>
public static partial class Multiprocessing
{
    /// <summary>
    /// The factory Multiproc creates its loggers from, or null (the default) for no logging at all: the .NET
    /// counterpart of Python's <c>multiprocessing.get_logger()</c> / <c>log_to_stderr()</c>. Set it once, early
    /// (before the entry-point guard if children should log too, since a child runs <c>Main</c> up to the guard).
    /// </summary>
    /// <remarks>
    /// Events, each with structured fields: child started (<c>Pid</c>, <c>ProcessName</c>, <c>Target</c>),
    /// exited (<c>ExitCode</c>; -N when killed by signal N) and killed by this process (<c>SignalName</c>);
    /// pool worker died and replaced; pool task timed out; abandoned lock taken over; stale shared-memory file
    /// reaped; listener rejected a client. Categories: <c>Multiproc.Process</c>, <c>Multiproc.Pool</c>,
    /// <c>Multiproc.Lock</c>, <c>Multiproc.SharedMemory</c>, <c>Multiproc.Listener</c>.
    /// </remarks>
    public static ILoggerFactory? LoggerFactory
    {
        get => MultiprocLog.Factory;
        set => MultiprocLog.Configure(value);
    }
}
