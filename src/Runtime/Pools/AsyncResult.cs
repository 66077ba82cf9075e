using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Multiproc;

/// <summary>
/// The pending outcome of <see cref="Pool.ApplyAsync{TArgs, TResult}"/> or <see cref="Pool.MapAsync{TArgs, TResult}"/>:
/// Python's <c>multiprocessing.pool.AsyncResult</c> (<see cref="Get"/>, <see cref="Wait"/>, <see cref="Ready"/>,
/// <see cref="Successful"/>), and also awaitable and convertible to a <see cref="Task{TResult}"/> for .NET code.
/// Members may be called from any thread.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class AsyncResult<T>
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<T>? _callback;
    private readonly Action<Exception>? _errorCallback;
    private readonly string? _targetName;
    private readonly int _itemCount;
    private int _set;

    internal AsyncResult(Action<T>? callback, Action<Exception>? errorCallback)
        : this(callback, errorCallback, targetName: null, itemCount: 1)
    {
    }

    /// <summary>A result for <paramref name="itemCount"/> items of <paramref name="targetName"/> (both shown by <see cref="ToString"/>).</summary>
    internal AsyncResult(Action<T>? callback, Action<Exception>? errorCallback, string? targetName, int itemCount)
    {
        _callback = callback;
        _errorCallback = errorCallback;
        _targetName = targetName;
        _itemCount = itemCount;
    }

    /// <summary>The outcome as a task, for <c>await</c>, <c>Task.WhenAll</c> and the like. Does not block.</summary>
    public Task<T> Task => _completion.Task;

    /// <summary>Whether the outcome is known (Python's <c>ready()</c>). Does not block.</summary>
    public bool Ready => _completion.Task.IsCompleted;

    /// <summary>Whether the work completed without an exception (Python's <c>successful()</c>). Does not block.</summary>
    /// <exception cref="InvalidOperationException">The result is not ready yet (Python raises <c>ValueError</c>).</exception>
    public bool Successful => Ready
        ? _completion.Task.IsCompletedSuccessfully
        : throw ThrowHelper.CreateResultNotReadyCallWaitCheck();

    /// <summary>Blocks until the outcome is known or <paramref name="timeout"/> passes (Python's <c>wait(timeout)</c>).</summary>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <returns>True when the outcome is known.</returns>
    public bool Wait(TimeSpan? timeout = null)
    {
        try
        {
            return _completion.Task.Wait(timeout ?? System.Threading.Timeout.InfiniteTimeSpan);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    /// <summary>
    /// Blocks until the outcome is known and returns the result or throws the task's exception
    /// (Python's <c>get(timeout)</c>): a <see cref="RemoteException"/> with the worker's stack, a
    /// <see cref="WorkerDiedException"/>, a <see cref="TimeoutException"/> for a per-task timeout, or an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <returns>The result.</returns>
    /// <exception cref="TimeoutException">The result was not ready within <paramref name="timeout"/> (the work carries on).</exception>
    public T Get(TimeSpan? timeout = null)
    {
        if (!Wait(timeout))
        {
            ThrowHelper.ThrowResultNotReadyWithin(timeout);
        }

        return _completion.Task.GetAwaiter().GetResult();
    }

    /// <summary>Lets <c>await</c> be applied to the result directly. Does not block.</summary>
    /// <returns>The task's awaiter.</returns>
    public TaskAwaiter<T> GetAwaiter() => _completion.Task.GetAwaiter();

    /// <summary>
    /// Describes the work and how far it is, e.g. <c>&lt;AsyncResult Square items=1000 pending&gt;</c>; the state
    /// is <c>pending</c>, <c>succeeded</c>, <c>canceled</c> or <c>failed: TypeName</c>. Does not block.
    /// </summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        Task<T> task = _completion.Task;
        string state = task.Status switch
        {
            TaskStatus.RanToCompletion => "succeeded",
            TaskStatus.Canceled => "canceled",
            TaskStatus.Faulted => "failed: " + task.Exception!.InnerException!.GetType().Name,
            _ => "pending",
        };
        string target = _targetName is null ? string.Empty : " " + _targetName;
        return $"<AsyncResult{target} items={_itemCount} {state}>";
    }

    /// <summary>Runs the callback (on the pool's result thread, as Python does) and completes.</summary>
    internal void SetResult(T value)
    {
        if (Interlocked.Exchange(ref _set, 1) != 0)
        {
            return;
        }

        RunCallback(_callback, value);
        _completion.TrySetResult(value);
    }

    /// <summary>Runs the error callback and completes with <paramref name="error"/>.</summary>
    internal void SetException(Exception error)
    {
        if (Interlocked.Exchange(ref _set, 1) != 0)
        {
            return;
        }

        RunCallback(_errorCallback, error);
        if (error is OperationCanceledException canceled)
        {
            _completion.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            _completion.TrySetException(error);
        }
    }

    private static void RunCallback<TValue>(Action<TValue>? callback, TValue value)
    {
        if (callback is null)
        {
            return;
        }

        try
        {
            callback(value);
        }
        catch (Exception e)
        {
            // Python's result handler thread would die here and hang the pool; we report and carry on.
            Console.Error.WriteLine($"Multiproc: a pool callback threw and was ignored: {e}");
        }
    }
}
