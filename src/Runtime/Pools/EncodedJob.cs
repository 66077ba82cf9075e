namespace Multiproc.Pools;

/// <summary>
/// Items whose arguments arrived already encoded (a distributed worker node runs tasks it received from
/// another machine): each item's outcome goes to <see cref="IEncodedItemSink"/> as raw result bytes or an
/// exception, and <see cref="Completion"/> finishes when every item has one. Nothing is decoded here.
/// </summary>
internal sealed class EncodedJob(ProcessTargetInfo target, TimeSpan? timeout, int count, IEncodedItemSink sink) : PoolJob(target, timeout)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = count;

    /// <summary>Completes when every item has an outcome; faults with the abort error (cancellation, pool terminated).</summary>
    public Task Completion => _completion.Task;

    public override void SetResult(int index, ReadOnlySpan<byte> payload) => sink.OnResult(index, payload);

    public override void SetError(int index, Exception error) => sink.OnError(index, error);

    public override void Abort(Exception error)
    {
        if (TryMarkCompleted())
        {
            _completion.TrySetException(error);
        }
    }

    public override void ItemsDone(int count)
    {
        if (Interlocked.Add(ref _remaining, -count) == 0 && TryMarkCompleted())
        {
            _completion.TrySetResult();
        }
    }
}
