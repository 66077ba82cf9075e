using Multiproc.Distributed.Wire;
using Multiproc.Pools;

namespace Multiproc.Distributed.Caller;

/// <summary>
/// A caller's submitted work as the distributed pool tracks it: the local pool's job (an apply, a map or an
/// imap, which decodes results, orders them, reports progress and completes exactly as in a local pool),
/// plus the tasks (chunks) published for it. Each chunk's result is taken once; a second result for the same
/// chunk (its task ran twice because a worker died after publishing) is dropped, so each item is delivered
/// exactly once.
/// </summary>
internal sealed class CallerJob(PoolJob job)
{
    private readonly object _gate = new();
    private readonly HashSet<int> _doneChunks = [];
    private readonly Dictionary<int, ulong> _queued = [];
    private int _chunks = -1;

    public Guid Id { get; } = Guid.NewGuid();

    public ProcessTargetInfo Target => job.Target;

    public bool IsCompleted => job.IsCompleted;

    /// <summary>A new chunk number (unique within the job; the task id is job and chunk).</summary>
    public int NextChunk() => Interlocked.Increment(ref _chunks);

    /// <summary>
    /// Records where a chunk's task sits in the queue (to delete it on cancellation). False when the job ended
    /// before the record was made: a cancellation may then have missed the task, and the caller deletes it.
    /// </summary>
    public bool Published(int chunk, ulong sequence)
    {
        lock (_gate)
        {
            if (!_doneChunks.Contains(chunk))
            {
                _queued[chunk] = sequence;
            }
        }

        return !job.IsCompleted;
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
            if (job.IsCompleted || !_doneChunks.Add(result.Chunk))
            {
                return;
            }

            _queued.Remove(result.Chunk);
        }

        for (int i = 0; i < result.Items.Length; i++)
        {
            (OutcomeKind kind, ReadOnlyMemory<byte> payload) = result.Items[i];
            if (kind == OutcomeKind.Returned)
            {
                job.SetResult(result.FirstItem + i, payload.Span);
            }
            else
            {
                job.SetError(result.FirstItem + i, ResultEnvelope.ToException(kind, payload.Span, job.Target.Name));
            }
        }

        job.ItemsDone(result.Items.Length);
        job.AfterBatch();
    }

    /// <summary>Ends the job now with <paramref name="error"/>; false when it had already ended.</summary>
    public bool Abort(Exception error)
    {
        if (job.IsCompleted)
        {
            return false;
        }

        job.Abort(error);
        return true;
    }
}
