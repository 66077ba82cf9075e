using Multiproc.Distributed.Wire;
using Multiproc.Serialization;

namespace Multiproc.Distributed.Caller;

/// <summary>
/// A caller's submitted work (an apply, a map, an imap): its tasks (chunks) as published, and their
/// results as they arrive. Each chunk's result is taken once; a second result for the same chunk (its task
/// ran twice because a worker died after publishing) is dropped, so each item is delivered exactly once.
/// </summary>
internal abstract class CallerJob
{
    private readonly object _gate = new();
    private readonly HashSet<int> _doneChunks = [];
    private readonly Dictionary<int, ulong> _queued = [];
    private int _completed;
    private int _chunks = -1;

    protected CallerJob(ProcessTargetInfo target)
    {
        Target = target;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public ProcessTargetInfo Target { get; }

    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>A new chunk number (unique within the job; the task id is job and chunk).</summary>
    public int NextChunk() => Interlocked.Increment(ref _chunks);

    /// <summary>Records where a chunk's task sits in the queue (to delete it on cancellation).</summary>
    public void Published(int chunk, ulong sequence)
    {
        lock (_gate)
        {
            if (!_doneChunks.Contains(chunk))
            {
                _queued[chunk] = sequence;
            }
        }
    }

    /// <summary>The queue positions of the chunks that have no result yet.</summary>
    public ulong[] Unfinished()
    {
        lock (_gate)
        {
            return [.. _queued.Values];
        }
    }

    /// <summary>Takes a chunk's result unless one was taken already.</summary>
    public void Deliver(ResultEnvelope result)
    {
        lock (_gate)
        {
            if (IsCompleted || !_doneChunks.Add(result.Chunk))
            {
                return;
            }

            _queued.Remove(result.Chunk);
        }

        for (int i = 0; i < result.Items.Length; i++)
        {
            (OutcomeKind kind, ReadOnlyMemory<byte> payload) = result.Items[i];
            OnItem(result.FirstItem + i, kind, payload.Span);
        }

        AfterChunk(result.Items.Length);
    }

    /// <summary>Ends the job now with <paramref name="error"/>; true for the one caller that did it.</summary>
    public bool Abort(Exception error)
    {
        if (!TryMarkCompleted())
        {
            return false;
        }

        OnAbort(error);
        return true;
    }

    protected abstract void OnItem(int index, OutcomeKind kind, ReadOnlySpan<byte> payload);

    protected abstract void AfterChunk(int count);

    protected abstract void OnAbort(Exception error);

    protected bool TryMarkCompleted() => Interlocked.Exchange(ref _completed, 1) == 0;

    /// <summary>Decodes an item: its value, or the exception it stands for.</summary>
    protected Exception? Decode<T>(WireRead<T> read, OutcomeKind kind, ReadOnlySpan<byte> payload, out T value)
    {
        value = default!;
        if (kind != OutcomeKind.Returned)
        {
            return ResultEnvelope.ToException(kind, payload, Target.Name);
        }

        try
        {
            var reader = new WireReader(payload);
            value = read(ref reader);
            reader.EnsureFullyConsumed();
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new WireFormatException($"The result of {Target.Name} could not be decoded: {e.Message}", e);
        }
    }
}
