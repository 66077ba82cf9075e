using Multiproc.Serialization;

namespace Multiproc.Pools;

/// <summary>One item: <see cref="Pool.ApplyAsync{TArgs, TResult}"/>.</summary>
internal sealed class ApplyJob<T>(ProcessTargetInfo target, WireRead<T> read, TimeSpan? timeout, AsyncResult<T> result) : PoolJob(target, timeout)
{
    public AsyncResult<T> Result => result;

    public override void SetResult(int index, ReadOnlySpan<byte> payload)
    {
        if (!ResultDecoding.TryDecode(read, Target, payload, out T value, out Exception? error))
        {
            SetError(index, error!);
            return;
        }

        if (TryMarkCompleted())
        {
            result.SetResult(value);
        }
    }

    public override void SetError(int index, Exception error) => Abort(error);

    public override void Abort(Exception error)
    {
        if (TryMarkCompleted())
        {
            result.SetException(error);
        }
    }
}
