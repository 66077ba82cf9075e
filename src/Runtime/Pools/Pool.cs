using System.Diagnostics;
using System.Runtime.CompilerServices;
using Multiproc.Pools;
using Multiproc.Processes;

namespace Multiproc;

/// <summary>
/// A pool of worker processes that run <c>[ProcessTarget]</c> methods: Python's <c>multiprocessing.Pool</c>.
/// Targets are the generated descriptors (<c>Targets.&lt;Method&gt;</c>); arguments and results cross the
/// process boundary with the generated serializers.
/// </summary>
/// <remarks>
/// <para>
/// Beyond Python: the parent knows which item each worker is running (a shared progress page per worker), so
/// a worker that dies — SIGKILL, the OOM killer, <see cref="Environment.FailFast(string)"/>, a stack overflow,
/// a native crash — fails only the item it was running, with a <see cref="WorkerDiedException"/> that says
/// how it died; the pool starts a replacement and re-queues everything else the worker held. Items of a
/// chunk stream their results back, so only the item in progress fails; items the worker had finished but
/// not yet reported when it died are run again. A per-item timeout (<see cref="PoolOptions.TaskTimeout"/>
/// or the <c>timeout</c> of <see cref="ApplyAsync{TArgs, TResult}"/>) and cancellation kill and replace the
/// worker running the item, which fails with <see cref="TimeoutException"/> / <see cref="OperationCanceledException"/>.
/// </para>
/// <para>
/// Life cycle as in Python: <see cref="Close"/> (no new work; workers exit when the queued work is done),
/// then <see cref="Join"/>. <see cref="Terminate"/> kills the workers at once and fails whatever was
/// unfinished. <see cref="Dispose"/> does what Python's <c>with Pool() as p:</c> does on exit: it
/// terminates — call <see cref="Close"/> and <see cref="Join"/> first to let queued work finish. Workers are
/// daemon processes: they die with the parent even if it is killed.
/// </para>
/// <para>Members may be called from any thread of the process that created the pool.</para>
/// </remarks>
[DebuggerDisplay("Pool processes={_scheduler.ProcessCount} state={_scheduler.State}")]
public sealed partial class Pool : IDisposable
{
    /// <summary>The job queue, chunking, dispatch, cancellation and timeouts.</summary>
    private readonly PoolScheduler _scheduler;

    /// <summary>Starts, serves and replaces the workers.</summary>
    private readonly WorkerSupervisor _supervisor;

    /// <summary>Set by <see cref="Dispose"/>: from then on every member but the lifecycle ones throws <see cref="ObjectDisposedException"/>.</summary>
    private volatile bool _disposed;

    /// <summary>
    /// Creates a pool of <see cref="Multiprocessing.CpuCount"/> workers (Python's <c>Pool()</c>). Blocks until
    /// every worker has started and run its initializer.
    /// </summary>
    /// <exception cref="ProcessStartException">A worker could not be started (no worker is left running).</exception>
    public Pool() : this(options: null)
    {
    }

    /// <summary>Creates a pool of <paramref name="processes"/> workers (Python's <c>Pool(processes)</c>). Blocks until they are ready.</summary>
    /// <param name="processes">How many workers; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="processes"/> is less than 1.</exception>
    /// <exception cref="ProcessStartException">A worker could not be started (no worker is left running).</exception>
    public Pool(int processes) : this(new PoolOptions { Processes = processes })
    {
    }

    /// <summary>
    /// Creates a pool as <paramref name="options"/> say (Python's <c>Pool(processes, initializer, initargs,
    /// maxtasksperchild)</c>). Blocks until every worker has started and run its initializer.
    /// </summary>
    /// <param name="options">Process count, initializer, tasks per worker, task timeout; null for defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    /// <exception cref="ProcessStartException">A worker could not be started (no worker is left running).</exception>
    /// <exception cref="InvalidOperationException">The initializer threw in a worker (the inner exception is the worker's).</exception>
    public Pool(PoolOptions? options)
    {
        BootstrapGuard.ThrowIfBeforeGuard("create a Pool");
        int processes = options?.Processes ?? Multiprocessing.CpuCount;
        if (processes < 1)
        {
            ThrowHelper.ThrowPoolOptionsProcessesMustLeastNumberProcesses(nameof(options), processes);
        }

        if (options?.MaxTasksPerChild is int max && max < 1)
        {
            ThrowHelper.ThrowPoolOptionsMaxTasksPerChildMustLeastNullNo(nameof(options), max);
        }

        if (options?.TaskTimeout is TimeSpan timeout && timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            ThrowHelper.ThrowPoolOptionsTaskTimeoutMustPositiveNullNo(nameof(options), timeout);
        }

        TimeSpan? taskTimeout = options?.TaskTimeout == Timeout.InfiniteTimeSpan ? null : options?.TaskTimeout;
        _scheduler = new PoolScheduler(processes, options?.MaxTasksPerChild ?? 0, taskTimeout);
        _supervisor = new WorkerSupervisor(_scheduler, options?.Initializer);
        Exception? failure = _supervisor.Start();
        if (failure is not null)
        {
            Terminate();
            throw failure;
        }

        if (taskTimeout is not null)
        {
            _scheduler.EnsureWatchdog();
        }
    }

    /// <summary>How many worker processes the pool keeps (Python's <c>Pool._processes</c>, the <c>processes</c> it was created with).</summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public int ProcessCount
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _scheduler.ProcessCount;
        }
    }

    /// <summary>
    /// Runs <paramref name="target"/> in a worker and blocks for its result (Python's <c>apply</c>).
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Cancels the task; if it is running, its worker is killed and replaced.</param>
    /// <returns>The target's result.</returns>
    /// <exception cref="RemoteException">The target threw; the worker's type name, message and stack.</exception>
    /// <exception cref="WorkerDiedException">The worker died running it.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public TResult Apply<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments, CancellationToken cancellationToken = default) =>
        ApplyAsync(target, arguments, cancellationToken: cancellationToken).Get();

    /// <summary>
    /// Queues <paramref name="target"/> for a worker and returns at once (Python's <c>apply_async</c>). The
    /// result is awaitable; <c>Get()</c> blocks. Callbacks run on the pool's result thread and must be quick.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="arguments">The arguments; encoded now, so an argument that cannot be encoded throws here.</param>
    /// <param name="callback">Called with the result (Python's <c>callback</c>).</param>
    /// <param name="errorCallback">Called with the exception (Python's <c>error_callback</c>).</param>
    /// <param name="timeout">How long the task may run once started; then its worker is killed and it fails with <see cref="TimeoutException"/>. Null: <see cref="PoolOptions.TaskTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the task; if it is running, its worker is killed and replaced.</param>
    /// <returns>The pending result.</returns>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public AsyncResult<TResult> ApplyAsync<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        TArgs arguments,
        Action<TResult>? callback = null,
        Action<Exception>? errorCallback = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(target);
        TimeSpan? itemTimeout = CheckTimeout(timeout) ?? _scheduler.TaskTimeout;
        var result = new AsyncResult<TResult>(callback, errorCallback, target.Name, 1);
        var job = new ApplyJob<TResult>(target, target.ReadResult, itemTimeout, result);
        ArgBlock args = ArgBlock.Encode(target.WriteArguments, arguments);
        _scheduler.SubmitChunks(job, args, 0, 1, 1);
        _scheduler.WatchCancellation(job, result.Task, cancellationToken);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="target"/> over every item in workers and blocks for the results, in order
    /// (Python's <c>map</c>). If items fail, the exception of the first failing item is thrown once the whole
    /// map is complete.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments, one per call; read completely now.</param>
    /// <param name="chunkSize">Items per task (Python's <c>chunksize</c>); null for Python's default, ceil(n / (4 × processes)).</param>
    /// <param name="cancellationToken">Cancels the map; workers running its items are killed and replaced.</param>
    /// <returns>The results, in the order of <paramref name="items"/>.</returns>
    public TResult[] Map<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int? chunkSize = null, CancellationToken cancellationToken = default) =>
        MapAsync(target, items, chunkSize, cancellationToken: cancellationToken).Get();

    /// <summary>
    /// Queues <paramref name="target"/> over every item and returns at once (Python's <c>map_async</c>).
    /// The result is awaitable; <c>Get()</c> blocks.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments, one per call; read completely and encoded now.</param>
    /// <param name="chunkSize">Items per task (Python's <c>chunksize</c>); null for Python's default, ceil(n / (4 × processes)).</param>
    /// <param name="callback">Called with the results (Python's <c>callback</c>).</param>
    /// <param name="errorCallback">Called with the exception (Python's <c>error_callback</c>).</param>
    /// <param name="progress">Told how many items are done as results arrive (a batch at a time).</param>
    /// <param name="cancellationToken">Cancels the map; workers running its items are killed and replaced.</param>
    /// <returns>The pending results.</returns>
    public AsyncResult<TResult[]> MapAsync<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        IEnumerable<TArgs> items,
        int? chunkSize = null,
        Action<TResult[]>? callback = null,
        Action<Exception>? errorCallback = null,
        IProgress<PoolProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        if (chunkSize is < 1)
        {
            ThrowHelper.ThrowChunkSizeMustLeastNullDefault(nameof(chunkSize), chunkSize);
        }

        _scheduler.ThrowIfNotRunning();
        IReadOnlyList<TArgs> list = items as IReadOnlyList<TArgs> ?? items.ToArray();
        int count = list.Count;
        int size = chunkSize ?? _scheduler.DefaultChunkSize(count);
        var result = new AsyncResult<TResult[]>(callback, errorCallback, target.Name, count);
        var job = new MapJob<TResult>(target, target.ReadResult, _scheduler.TaskTimeout, count, progress, result);
        _scheduler.SubmitMap(job, target.WriteArguments, list, size);
        _scheduler.WatchCancellation(job, result.Task, cancellationToken);
        return result;
    }

    /// <summary>
    /// Python's <c>starmap</c>: <see cref="Map{TArgs, TResult}"/> for a target of several parameters, whose
    /// <typeparamref name="TArgs"/> is the tuple of them. Blocks.
    /// </summary>
    /// <typeparam name="TArgs">The argument tuple type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The argument tuples.</param>
    /// <param name="chunkSize">Items per task (Python's <c>chunksize</c>); null for the default.</param>
    /// <param name="cancellationToken">Cancels the map.</param>
    /// <returns>The results, in order.</returns>
    public TResult[] Starmap<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int? chunkSize = null, CancellationToken cancellationToken = default)
        where TArgs : struct, ITuple =>
        Map(target, items, chunkSize, cancellationToken);

    /// <summary>Python's <c>starmap_async</c>: <see cref="MapAsync{TArgs, TResult}"/> over argument tuples. Does not block.</summary>
    /// <typeparam name="TArgs">The argument tuple type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The argument tuples.</param>
    /// <param name="chunkSize">Items per task (Python's <c>chunksize</c>); null for the default.</param>
    /// <param name="callback">Called with the results.</param>
    /// <param name="errorCallback">Called with the exception.</param>
    /// <param name="progress">Told how many items are done.</param>
    /// <param name="cancellationToken">Cancels the map.</param>
    /// <returns>The pending results.</returns>
    public AsyncResult<TResult[]> StarmapAsync<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        IEnumerable<TArgs> items,
        int? chunkSize = null,
        Action<TResult[]>? callback = null,
        Action<Exception>? errorCallback = null,
        IProgress<PoolProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TArgs : struct, ITuple =>
        MapAsync(target, items, chunkSize, callback, errorCallback, progress, cancellationToken);

    /// <summary>
    /// Python's <c>imap</c>: results in order, produced lazily — items are read and queued only a window
    /// ahead of the consumer, so <paramref name="items"/> may be long or endless. Blocks while it waits for
    /// the next result; a failed item throws when it is reached.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunkSize">Items per task (Python's <c>chunksize</c>; default 1, as in Python).</param>
    /// <param name="cancellationToken">Cancels; workers running its items are killed and replaced.</param>
    /// <returns>The results, in order.</returns>
    public IEnumerable<TResult> Imap<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize = 1, CancellationToken cancellationToken = default) =>
        OutcomeStream.Blocking(ImapAsync(target, items, chunkSize, cancellationToken), cancellationToken);

    /// <summary>Python's <c>imap_unordered</c>: like <see cref="Imap{TArgs, TResult}"/>, results as they complete. Blocks while waiting.</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunkSize">Items per task (Python's <c>chunksize</c>; default 1).</param>
    /// <param name="cancellationToken">Cancels; workers running its items are killed and replaced.</param>
    /// <returns>The results, in completion order.</returns>
    public IEnumerable<TResult> ImapUnordered<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize = 1, CancellationToken cancellationToken = default) =>
        OutcomeStream.Blocking(ImapUnorderedAsync(target, items, chunkSize, cancellationToken), cancellationToken);

    /// <summary><see cref="Imap{TArgs, TResult}"/> as an <see cref="IAsyncEnumerable{T}"/>: awaits instead of blocking.</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunkSize">Items per task (Python's <c>chunksize</c>; default 1).</param>
    /// <param name="cancellationToken">Cancels; workers running its items are killed and replaced.</param>
    /// <returns>The results, in order.</returns>
    public IAsyncEnumerable<TResult> ImapAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize = 1, CancellationToken cancellationToken = default)
    {
        CheckStream(target, items, chunkSize);
        return Stream(target, items, chunkSize, ordered: true, cancellationToken);
    }

    /// <summary><see cref="ImapUnordered{TArgs, TResult}"/> as an <see cref="IAsyncEnumerable{T}"/>: awaits instead of blocking.</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunkSize">Items per task (Python's <c>chunksize</c>; default 1).</param>
    /// <param name="cancellationToken">Cancels; workers running its items are killed and replaced.</param>
    /// <returns>The results, in completion order.</returns>
    public IAsyncEnumerable<TResult> ImapUnorderedAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize = 1, CancellationToken cancellationToken = default)
    {
        CheckStream(target, items, chunkSize);
        return Stream(target, items, chunkSize, ordered: false, cancellationToken);
    }

    /// <summary>
    /// Stops accepting work (Python's <c>close()</c>); queued work still runs, then the workers exit. Does not block.
    /// </summary>
    public void Close() => _scheduler.Close();

    /// <summary>
    /// Blocks until every worker has exited (Python's <c>join()</c>): after <see cref="Close"/>, when the
    /// queued work is done; after <see cref="Terminate"/>, at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pool is still running: call <see cref="Close"/> or <see cref="Terminate"/> first.</exception>
    public void Join()
    {
        if (_scheduler.IsRunning())
        {
            ThrowHelper.ThrowPoolStillRunningCallCloseTerminate();
        }

        _supervisor.Join(exceptCurrent: false);
        _scheduler.StopWatchdog();
    }

    /// <summary>Waits for the workers to exit without blocking a thread of the caller's. See <see cref="Join"/>.</summary>
    /// <param name="cancellationToken">Stops waiting (the pool carries on).</param>
    /// <returns>A task that completes when every worker has exited.</returns>
    /// <exception cref="InvalidOperationException">The pool is still running.</exception>
    public Task JoinAsync(CancellationToken cancellationToken = default)
    {
        if (_scheduler.IsRunning())
        {
            ThrowHelper.ThrowPoolStillRunningCallCloseTerminate2();
        }

        return Task.Run(Join, cancellationToken);
    }

    /// <summary>
    /// Kills the workers at once (Python's <c>terminate()</c>; SIGKILL, so a worker stuck in native code goes
    /// too) and fails every unfinished task with <see cref="OperationCanceledException"/>, however many are queued.
    /// Blocks until the workers are reaped.
    /// </summary>
    public void Terminate()
    {
        _scheduler.AbortEverything(ThrowHelper.CreatePoolTerminatedBeforeTaskCompleted(), terminate: true);
        _supervisor.Join(exceptCurrent: true);
        _scheduler.StopWatchdog();
    }

    /// <summary>
    /// Python's <c>with Pool() as p:</c> exit: <see cref="Terminate"/> (unfinished tasks fail) unless the pool
    /// was already closed and joined. Blocks until the workers are reaped; leaves no process behind.
    /// </summary>
    public void Dispose()
    {
        Terminate();
        _disposed = true;
        _supervisor.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"<Pool processes={_scheduler.ProcessCount} state={(_disposed ? "disposed" : _scheduler.State)}>";

    private static TimeSpan? CheckTimeout(TimeSpan? timeout)
    {
        if (timeout is TimeSpan t && t <= TimeSpan.Zero)
        {
            ThrowHelper.ThrowTimeoutMustPositiveNullPoolTaskTimeout(nameof(timeout), t);
        }

        return timeout;
    }

    private void CheckStream<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        if (chunkSize < 1)
        {
            ThrowHelper.ThrowChunkSizeMustLeast(nameof(chunkSize), chunkSize);
        }

        _scheduler.ThrowIfNotRunning();
    }

    private async IAsyncEnumerable<TResult> Stream<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        IEnumerable<TArgs> items,
        int chunkSize,
        bool ordered,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var job = new StreamJob<TResult>(target, target.ReadResult, _scheduler.TaskTimeout);
        using CancellationTokenRegistration registration = _scheduler.RegisterCancellation(job, cancellationToken);
        _scheduler.BeginStream();
        using IEnumerator<TArgs> input = items.GetEnumerator();
        try
        {
            IAsyncEnumerable<TResult> results = OutcomeStream.ReadAsync(
                input,
                chunkSize,
                Math.Max(chunkSize * _scheduler.ProcessCount * 4, 64),
                ordered,
                (chunk, first) =>
                {
                    ArgBlock args = ArgBlock.Encode(target.WriteArguments, chunk, 0, chunk.Count);
                    _scheduler.SubmitChunks(job, args, first, chunk.Count, chunk.Count, continuing: true);
                    return default;
                },
                job.Outcomes,
                complete =>
                {
                    if (!complete)
                    {
                        _scheduler.AbandonJob(job);
                    }

                    return default;
                },
                cancellationToken);
            await foreach (TResult value in results.ConfigureAwait(false))
            {
                yield return value;
            }
        }
        finally
        {
            _scheduler.EndStream();
        }
    }
}
