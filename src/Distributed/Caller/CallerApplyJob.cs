using Multiproc.Distributed.Wire;
using Multiproc.Serialization;

namespace Multiproc.Distributed.Caller;

/// <summary>One item: <see cref="DistributedPool.ApplyAsync{TArgs, TResult}"/>.</summary>
internal sealed class CallerApplyJob<T>(ProcessTargetInfo target, WireRead<T> read) : CallerJob(target)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    protected override void OnItem(int index, OutcomeKind kind, ReadOnlySpan<byte> payload)
    {
        Exception? error = Decode(read, kind, payload, out T value);
        if (!TryMarkCompleted())
        {
            return;
        }

        if (error is null)
        {
            _completion.TrySetResult(value);
        }
        else
        {
            _completion.TrySetException(error);
        }
    }

    protected override void AfterChunk(int count)
    {
    }

    protected override void OnAbort(Exception error) => CallerCompletion.Fail(_completion, error);
}
