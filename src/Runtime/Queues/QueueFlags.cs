namespace Multiproc.Queues;

/// <summary>Options fixed when a queue segment is created.</summary>
[Flags]
internal enum QueueFlags
{
    /// <summary>A plain queue.</summary>
    None = 0,

    /// <summary>A JoinableQueue: every put raises the unfinished-task count, whichever handle type puts.</summary>
    Joinable = 1,
}
