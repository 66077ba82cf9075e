namespace Multiproc.Pools;

/// <summary>
/// Submitted work whose items are spread over workers: an apply (one item), a map (n items) or an imap
/// (items added as the caller iterates). Results arrive per item, on worker reader threads, in any order
/// across workers; each item is delivered (or failed) exactly once, then ignored.
/// </summary>
internal abstract class PoolJob
{
    private int _completed;

    protected PoolJob(ProcessTargetInfo target, TimeSpan? itemTimeout)
    {
        Target = target;
        ItemTimeout = itemTimeout;
    }

    /// <summary>The target every item runs.</summary>
    public ProcessTargetInfo Target { get; }

    /// <summary>How long one item may run before its worker is killed; null for no limit.</summary>
    public TimeSpan? ItemTimeout { get; }

    /// <summary>True once the job has its outcome; its remaining items are skipped.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>An item returned: decode and store its result. Call <see cref="ItemsDone"/> after a run of these.</summary>
    public abstract void SetResult(int index, ReadOnlySpan<byte> payload);

    /// <summary>An item failed (threw remotely, timed out, its worker died, …).</summary>
    public abstract void SetError(int index, Exception error);

    /// <summary>The whole job ends now with <paramref name="error"/> (cancelled, pool terminated).</summary>
    public abstract void Abort(Exception error);

    /// <summary>
    /// <paramref name="count"/> more items have had <see cref="SetResult"/> or <see cref="SetError"/>: counted
    /// once per run of items rather than per item, so reader threads of different workers do not contend per item.
    /// </summary>
    public virtual void ItemsDone(int count)
    {
    }

    /// <summary>Called after a batch of this job's items was delivered (progress, wake-ups).</summary>
    public virtual void AfterBatch()
    {
    }

    /// <summary>Marks the job completed; true for the one caller that did it.</summary>
    protected bool TryMarkCompleted() => Interlocked.Exchange(ref _completed, 1) == 0;
}
