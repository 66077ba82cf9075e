using Multiproc.Distributed.Wire;
using Multiproc.Serialization;

namespace Multiproc.Distributed.Caller;

/// <summary>
/// n items with an ordered result array: <see cref="DistributedPool.MapAsync{TArgs, TResult}"/>. Completes when
/// every item has an outcome; if any failed, with the error of the lowest-numbered failed item (Python's map).
/// </summary>
internal sealed class CallerMapJob<T> : CallerJob
{
    private readonly WireRead<T> _read;
    private readonly T[] _results;
    private readonly IProgress<PoolProgress>? _progress;
    private readonly TaskCompletionSource<T[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;
    private int _errorIndex = int.MaxValue;
    private Exception? _error;

    public CallerMapJob(ProcessTargetInfo target, WireRead<T> read, int count, IProgress<PoolProgress>? progress)
        : base(target)
    {
        _read = read;
        _results = new T[count];
        _remaining = count;
        _progress = progress;
        if (count == 0)
        {
            Finish();
        }
    }

    public Task<T[]> Task => _completion.Task;

    protected override void OnItem(int index, OutcomeKind kind, ReadOnlySpan<byte> payload)
    {
        if ((uint)index >= (uint)_results.Length)
        {
            return;
        }

        Exception? error = Decode(_read, kind, payload, out T value);
        if (error is null)
        {
            _results[index] = value;
            return;
        }

        lock (_results)
        {
            if (index < _errorIndex)
            {
                _errorIndex = index;
                _error = error;
            }
        }
    }

    protected override void AfterChunk(int count)
    {
        int remaining = Interlocked.Add(ref _remaining, -count);
        if (_progress is not null)
        {
            try
            {
                _progress.Report(new PoolProgress(_results.Length - Math.Max(0, remaining), _results.Length));
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"Multiproc: a distributed map's progress handler threw and was ignored: {e}");
            }
        }

        if (remaining == 0)
        {
            Finish();
        }
    }

    protected override void OnAbort(Exception error) => CallerCompletion.Fail(_completion, error);

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
            _completion.TrySetResult(_results);
        }
        else
        {
            _completion.TrySetException(error);
        }
    }
}
