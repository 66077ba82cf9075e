using System.Diagnostics.CodeAnalysis;

namespace Multiproc.Queues;

/// <summary>The queues' throw helpers: one place for every message a queue user can see.</summary>
internal static class QueueThrow
{
    [DoesNotReturn]
    public static void Closed() => throw ClosedError();

    public static ObjectDisposedException ClosedError() =>
        new("ProcessQueue", "The queue handle is closed (Python: 'Queue is closed'): Close() or Dispose() was called on it, so it can no longer be used.");

    [DoesNotReturn]
    public static void Empty() => throw new QueueEmptyException();

    [DoesNotReturn]
    public static void Full() => throw new QueueFullException();

    [DoesNotReturn]
    public static void TaskDoneTooManyTimes() =>
        throw new InvalidOperationException("TaskDone() was called more times than there were items put in the queue (Python: task_done() called too many times).");

    public static InvalidOperationException Gone(string name) =>
        new($"The queue '{name}' no longer exists: the process that created it closed it or exited before this process attached.");

    [DoesNotReturn]
    public static void Corrupt(string what) =>
        throw new InvalidOperationException($"The queue's shared memory is corrupt: {what}.");
}
