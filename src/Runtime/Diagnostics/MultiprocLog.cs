using Microsoft.Extensions.Logging;

namespace Multiproc;

/// <summary>
/// Every structured event Multiproc logs, as source-generated <see cref="LoggerMessageAttribute"/> methods, and
/// the loggers they write to. The public methods are the one-line calls at the event sites: with no factory
/// set (<see cref="Multiprocessing.LoggerFactory"/>) each is a null check and returns; with one set, the
/// generated code checks <see cref="ILogger.IsEnabled"/> before it formats or allocates anything.
/// </summary>
/// <remarks>
/// Categories: <c>Multiproc.Process</c> (children started, exited, signalled), <c>Multiproc.Pool</c> (workers
/// died and replaced, tasks timed out), <c>Multiproc.Lock</c> (abandoned locks recovered),
/// <c>Multiproc.SharedMemory</c> (stale segments reaped) and <c>Multiproc.Listener</c> (clients rejected).
/// </remarks>
internal static partial class MultiprocLog
{
    private static volatile Loggers? s_loggers;

    /// <summary>The factory the loggers came from, or null when logging is off.</summary>
    public static ILoggerFactory? Factory => s_loggers?.Factory;

    /// <summary>Creates the category loggers from <paramref name="factory"/>; null turns logging off.</summary>
    public static void Configure(ILoggerFactory? factory) => s_loggers = factory is null ? null : new Loggers(factory);

    /// <summary>A child process was started and has taken up its target.</summary>
    public static void ChildStarted(int pid, string name, string target)
    {
        if (s_loggers is { } l)
        {
            LogChildStarted(l.Process, name, pid, target);
        }
    }

    /// <summary>A child process was reaped with <paramref name="exitCode"/> (-N: killed by signal N).</summary>
    public static void ChildExited(int pid, string name, int exitCode)
    {
        if (s_loggers is { } l)
        {
            LogChildExited(l.Process, name, pid, exitCode);
        }
    }

    /// <summary>This process sent <paramref name="signal"/> to a running child (terminate, kill, exit cleanup, pool).</summary>
    public static void ChildSignalled(int pid, string name, int signal)
    {
        if (s_loggers is { } l)
        {
            LogChildSignalled(l.Process, name, pid, signal == 9 ? "SIGKILL" : signal == 15 ? "SIGTERM" : "signal " + signal, signal);
        }
    }

    /// <summary>A pool worker ended other than by retiring, and a replacement is being started.</summary>
    public static void PoolWorkerDied(int pid, string name, int exitCode)
    {
        if (s_loggers is { } l)
        {
            LogPoolWorkerDied(l.Pool, name, pid, exitCode);
        }
    }

    /// <summary>A replacement worker started in pool slot <paramref name="slot"/>.</summary>
    public static void PoolWorkerReplaced(int slot, int pid, string name)
    {
        if (s_loggers is { } l)
        {
            LogPoolWorkerReplaced(l.Pool, slot, name, pid);
        }
    }

    /// <summary>A pool task ran longer than its timeout; its worker is being killed.</summary>
    public static void TaskTimedOut(string target, int index, TimeSpan timeout, int workerPid)
    {
        if (s_loggers is { } l)
        {
            LogTaskTimedOut(l.Pool, target, index, timeout.TotalMilliseconds, workerPid);
        }
    }

    /// <summary>This process took over a lock whose owner died holding it.</summary>
    public static void AbandonedLockRecovered(int deadOwnerPid)
    {
        if (s_loggers is { } l)
        {
            LogAbandonedLockRecovered(l.Lock, deadOwnerPid);
        }
    }

    /// <summary>A shared-memory file whose creator is gone was unlinked.</summary>
    public static void StaleSegmentReaped(string path, int creatorPid)
    {
        if (s_loggers is { } l)
        {
            LogStaleSegmentReaped(l.SharedMemory, path, creatorPid);
        }
    }

    /// <summary>A listener disconnected a client that failed the authentication handshake.</summary>
    public static void ClientRejected(string address, string client, string reason)
    {
        if (s_loggers is { } l)
        {
            LogClientRejected(l.Listener, address, client, reason);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "ChildStarted", Level = LogLevel.Debug,
        Message = "Started child {ProcessName} (pid {Pid}) running {Target}")]
    private static partial void LogChildStarted(ILogger logger, string processName, int pid, string target);

    [LoggerMessage(EventId = 2, EventName = "ChildExited", Level = LogLevel.Debug,
        Message = "Child {ProcessName} (pid {Pid}) exited with code {ExitCode}")]
    private static partial void LogChildExited(ILogger logger, string processName, int pid, int exitCode);

    [LoggerMessage(EventId = 3, EventName = "ChildKilled", Level = LogLevel.Information,
        Message = "Sent {SignalName} ({Signal}) to child {ProcessName} (pid {Pid})")]
    private static partial void LogChildSignalled(ILogger logger, string processName, int pid, string signalName, int signal);

    [LoggerMessage(EventId = 10, EventName = "PoolWorkerDied", Level = LogLevel.Warning,
        Message = "Pool worker {ProcessName} (pid {Pid}) died with exit code {ExitCode}; replacing it")]
    private static partial void LogPoolWorkerDied(ILogger logger, string processName, int pid, int exitCode);

    [LoggerMessage(EventId = 11, EventName = "PoolWorkerReplaced", Level = LogLevel.Information,
        Message = "Pool slot {Slot} has a new worker {ProcessName} (pid {Pid})")]
    private static partial void LogPoolWorkerReplaced(ILogger logger, int slot, string processName, int pid);

    [LoggerMessage(EventId = 12, EventName = "TaskTimedOut", Level = LogLevel.Warning,
        Message = "Task {Target} (item {Index}) ran longer than {TimeoutMs} ms; killing its worker (pid {Pid})")]
    private static partial void LogTaskTimedOut(ILogger logger, string target, int index, double timeoutMs, int pid);

    [LoggerMessage(EventId = 20, EventName = "AbandonedLockRecovered", Level = LogLevel.Warning,
        Message = "Took over a lock abandoned by dead process {Pid}")]
    private static partial void LogAbandonedLockRecovered(ILogger logger, int pid);

    [LoggerMessage(EventId = 30, EventName = "StaleSegmentReaped", Level = LogLevel.Information,
        Message = "Removed shared-memory file {Path} left by dead process {Pid}")]
    private static partial void LogStaleSegmentReaped(ILogger logger, string path, int pid);

    [LoggerMessage(EventId = 40, EventName = "ClientRejected", Level = LogLevel.Warning,
        Message = "Listener {Address} disconnected {Client}: {Reason}")]
    private static partial void LogClientRejected(ILogger logger, string address, string client, string reason);

    /// <summary>One logger per category, created once when the factory is set.</summary>
    private sealed class Loggers(ILoggerFactory factory)
    {
        public ILoggerFactory Factory { get; } = factory;

        public ILogger Process { get; } = factory.CreateLogger("Multiproc.Process");

        public ILogger Pool { get; } = factory.CreateLogger("Multiproc.Pool");

        public ILogger Lock { get; } = factory.CreateLogger("Multiproc.Lock");

        public ILogger SharedMemory { get; } = factory.CreateLogger("Multiproc.SharedMemory");

        public ILogger Listener { get; } = factory.CreateLogger("Multiproc.Listener");
    }
}
