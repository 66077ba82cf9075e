using System.Collections.Concurrent;

namespace Multiproc.Queues;

/// <summary>
/// The queue segments this process created and has not removed yet. They are removed (with any spilled
/// messages still waiting in them) when the owning handle is closed, and at the latest when this process
/// exits normally. After a SIGKILL of the creator the segment's "MPSH" prologue lets
/// <see cref="SegmentRegistry.ReapStale"/> remove it: the next Multiproc process that creates a segment or exits
/// normally does.
/// </summary>
internal static class OwnedQueueFiles
{
    private static readonly ConcurrentDictionary<string, byte> s_names = new(StringComparer.Ordinal);
    private static int s_hooked;

    /// <summary>Records a queue segment this process created; the first time, also reaps stale segments of dead creators.</summary>
    public static void Add(string name)
    {
        if (Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => RemoveAll();
            ExitSignals.Install();
            if (SegmentRegistry.Hook())
            {
                SegmentRegistry.ReapStale();
            }
        }

        s_names.TryAdd(name, 0);
    }

    /// <summary>Deletes a queue segment and its spill files, and forgets it.</summary>
    public static void Remove(string name)
    {
        s_names.TryRemove(name, out _);
        QueueSegment.TryDelete(QueueSegment.Directory + "/" + name);
        try
        {
            foreach (string spill in Directory.EnumerateFiles(QueueSegment.Directory, name + "_*"))
            {
                QueueSegment.TryDelete(spill);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void RemoveAll()
    {
        foreach (string name in s_names.Keys)
        {
            Remove(name);
        }
    }
}
