using Multiproc.Pools;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>The pool's entry for work whose arguments are already encoded (used by Multiproc.Distributed).</summary>
public sealed partial class Pool
{
    /// <summary>
    /// Runs <paramref name="target"/> over already-encoded arguments, spread over the workers in chunks, and
    /// reports each item's raw outcome to <paramref name="sink"/>. The workers check the target's id and
    /// schema hash against their dispatch table as for any other task.
    /// </summary>
    /// <param name="target">Names the target; only its id, schema hash and name are used.</param>
    /// <param name="items">Each item's encoded arguments.</param>
    /// <param name="itemTimeout">How long one item may run before its worker is killed; null for the pool's <see cref="PoolOptions.TaskTimeout"/>.</param>
    /// <param name="sink">Receives the outcomes.</param>
    /// <param name="cancellationToken">Cancels: workers running the items are killed and replaced; the task faults with <see cref="OperationCanceledException"/>.</param>
    /// <returns>A task that completes when every item has an outcome.</returns>
    internal Task RunEncodedAsync(ProcessTargetInfo target, IReadOnlyList<ReadOnlyMemory<byte>> items, TimeSpan? itemTimeout, IEncodedItemSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(sink);
        TimeSpan? timeout = CheckTimeout(itemTimeout) ?? _scheduler.TaskTimeout;
        var job = new EncodedJob(target, timeout, items.Count, sink);
        if (items.Count == 0)
        {
            job.ItemsDone(0);
            return Task.CompletedTask;
        }

        ArgBlock args = ArgBlock.Encode(static (ref WireWriter writer, ReadOnlyMemory<byte> item) => writer.WriteRaw(item.Span), items, 0, items.Count);
        int size = Math.Max(1, (items.Count + _scheduler.ProcessCount - 1) / _scheduler.ProcessCount);
        _scheduler.SubmitChunks(job, args, 0, items.Count, size);
        _scheduler.WatchCancellation(job, job.Completion, cancellationToken);
        return job.Completion;
    }
}
