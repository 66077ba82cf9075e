using Multiproc.Serialization;

namespace Multiproc.Pools;

/// <summary>
/// n items with an ordered result array: <see cref="Pool.MapAsync{TArgs, TResult}"/>. Completes when every
/// item has returned or failed; if any failed, with the error of the lowest-numbered failed item (as
/// Python's <c>map</c> raises once the map is complete).
/// </summary>
internal sealed class MapJob<T> : PoolJob
{
    private readonly WireRead<T> _read;
    private readonly T[] _results;
    private readonly IProgress<PoolProgress>? _progress;
    private int _remaining;
    private int _errorIndex = int.MaxValue;
    private Exception? _error;

    public MapJob(ProcessTargetInfo target, WireRead<T> read, TimeSpan? timeout, int count, IProgress<PoolProgress>? progress, AsyncResult<T[]> result)
        : base(target, timeout)
    {
        _read = read;
        _results = new T[count];
        _remaining = count;
        _progress = progress;
        Result = result;
        if (count == 0)
        {
            Finish();
        }
    }

    public AsyncResult<T[]> Result { get; }

    public override void SetResult(int index, ReadOnlySpan<byte> payload)
    {
        if (!ResultDecoding.TryDecode(_read, Target, payload, out T value, out Exception? error))
        {
            SetError(index, error!);
            return;
        }

        _results[index] = value;
    }

    public override void SetError(int index, Exception error)
    {
        lock (_results)
        {
            if (index < _errorIndex)
            {
                _errorIndex = index;
                _error = error;
            }
        }
    }

    public override void Abort(Exception error)
    {
        if (TryMarkCompleted())
        {
            Result.SetException(error);
        }
    }

    public override void AfterBatch()
    {
        if (_progress is null)
        {
            return;
        }

        try
        {
            _progress.Report(new PoolProgress(_results.Length - Math.Max(0, Volatile.Read(ref _remaining)), _results.Length));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Multiproc: a pool progress handler threw and was ignored: {e}");
        }
    }

    public override void ItemsDone(int count)
    {
        if (Interlocked.Add(ref _remaining, -count) == 0)
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (!TryMarkCompleted())
        {
            return;
        }

        Exception? error;
        lock (_results)
        {
            error = _error;
        }

        if (error is null)
        {
            Result.SetResult(_results);
        }
        else
        {
            Result.SetException(error);
        }
    }
}
