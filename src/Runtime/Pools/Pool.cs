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
[DebuggerDisplay("Pool processes={_processes} state={_state}")]
public sealed partial class Pool : IDisposable
{
    /// <summary>Items encoded and queued at a time by a map (rounded to whole chunks).</summary>
    private const int MapBlockItems = 8192;

    private static int s_workerCounter;

    /// <summary>A token's callback: cancel the job (state is <c>(Pool, PoolJob, CancellationToken)</c>).</summary>
    private static readonly Action<object?> s_onCanceled = static state =>
    {
        var (pool, job, token) = ((Pool, PoolJob, CancellationToken))state!;
        pool.CancelJob(job, new OperationCanceledException("The task was canceled.", token));
    };

    /// <summary>Guards the queue, the workers and the state.</summary>
    private readonly object _gate = new();

    /// <summary>Units waiting for a worker, in submission order (re-queued units go to the front).</summary>
    private readonly LinkedList<WorkUnit> _pending = new();

    /// <summary>The live workers, one per slot (null while a slot is starting a replacement).</summary>
    private readonly PoolWorker?[] _workers;

    /// <summary>One thread per slot: starts the slot's worker, reads its results, replaces it when it exits.</summary>
    private readonly Thread[] _slotThreads;

    private readonly PoolInitializer? _initializer;
    private readonly int _maxTasksPerChild;
    private readonly TimeSpan? _taskTimeout;
    private readonly CountdownEvent _started;
    private PoolState _state;
    private Exception? _broken;

    /// <summary>Set by <see cref="Dispose"/>: from then on every member but the lifecycle ones throws <see cref="ObjectDisposedException"/>.</summary>
    private volatile bool _disposed;

    private readonly int _processes;
    private Timer? _watchdog;
    private int _roundRobin;

    /// <summary>Imap iterations in progress: they may still queue items after <see cref="Close"/>, as Python's may.</summary>
    private int _openStreams;

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
            throw new ArgumentOutOfRangeException(nameof(options), processes, "PoolOptions.Processes must be at least 1 (Python: \"Number of processes must be at least 1\").");
        }

        if (options?.MaxTasksPerChild is int max && max < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), max, "PoolOptions.MaxTasksPerChild must be at least 1, or null for no limit (Python: \"maxtasksperchild must be a positive int or None\").");
        }

        if (options?.TaskTimeout is TimeSpan timeout && timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "PoolOptions.TaskTimeout must be positive, or null for no limit.");
        }

        _processes = processes;
        _initializer = options?.Initializer;
        _maxTasksPerChild = options?.MaxTasksPerChild ?? 0;
        _taskTimeout = options?.TaskTimeout == Timeout.InfiniteTimeSpan ? null : options?.TaskTimeout;
        _workers = new PoolWorker?[processes];
        _slotThreads = new Thread[processes];
        _started = new CountdownEvent(processes);
        for (int slot = 0; slot < processes; slot++)
        {
            _slotThreads[slot] = new Thread(RunSlot) { IsBackground = true, Name = $"Multiproc pool slot {slot}" };
            _slotThreads[slot].Start(slot);
        }

        _started.Wait();
        Exception? failure;
        lock (_gate)
        {
            failure = _broken;
        }

        if (failure is not null)
        {
            Terminate();
            throw failure;
        }

        if (_taskTimeout is not null)
        {
            EnsureWatchdog();
        }
    }

    /// <summary>How many worker processes the pool keeps (Python's <c>_processes</c>).</summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public int Processes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _processes;
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
        TimeSpan? itemTimeout = CheckTimeout(timeout) ?? _taskTimeout;
        var result = new AsyncResult<TResult>(callback, errorCallback);
        var job = new ApplyJob<TResult>(target, target.ReadResult, itemTimeout, result);
        ArgBlock args = ArgBlock.Encode(target.WriteArguments, arguments);
        Submit(job, [new WorkUnit(job, 0, args, 0, 1)], itemTimeout is not null);
        WatchCancellation(job, result.Task, cancellationToken);
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
    /// <param name="chunksize">Items per task; null for Python's default, ceil(n / (4 × processes)).</param>
    /// <param name="cancellationToken">Cancels the map; workers running its items are killed and replaced.</param>
    /// <returns>The results, in the order of <paramref name="items"/>.</returns>
    public TResult[] Map<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int? chunksize = null, CancellationToken cancellationToken = default) =>
        MapAsync(target, items, chunksize, cancellationToken: cancellationToken).Get();

    /// <summary>
    /// Queues <paramref name="target"/> over every item and returns at once (Python's <c>map_async</c>).
    /// The result is awaitable; <c>Get()</c> blocks.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments, one per call; read completely and encoded now.</param>
    /// <param name="chunksize">Items per task; null for Python's default, ceil(n / (4 × processes)).</param>
    /// <param name="callback">Called with the results (Python's <c>callback</c>).</param>
    /// <param name="errorCallback">Called with the exception (Python's <c>error_callback</c>).</param>
    /// <param name="progress">Told how many items are done as results arrive (a batch at a time).</param>
    /// <param name="cancellationToken">Cancels the map; workers running its items are killed and replaced.</param>
    /// <returns>The pending results.</returns>
    public AsyncResult<TResult[]> MapAsync<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        IEnumerable<TArgs> items,
        int? chunksize = null,
        Action<TResult[]>? callback = null,
        Action<Exception>? errorCallback = null,
        IProgress<PoolProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        if (chunksize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunksize), chunksize, "chunksize must be at least 1, or null for the default.");
        }

        ThrowIfNotRunning();
        IReadOnlyList<TArgs> list = items as IReadOnlyList<TArgs> ?? items.ToArray();
        int count = list.Count;
        int size = chunksize ?? DefaultChunksize(count);
        var result = new AsyncResult<TResult[]>(callback, errorCallback);
        var job = new MapJob<TResult>(target, target.ReadResult, _taskTimeout, count, progress, result);
        // Encode and queue in blocks of whole chunks, so workers start on the first block while the rest is encoded.
        int block = Math.Max(size, (MapBlockItems / size) * size);
        for (int first = 0; first < count; first += block)
        {
            int blockCount = Math.Min(block, count - first);
            ArgBlock args = ArgBlock.Encode(target.WriteArguments, list, first, blockCount);
            var units = new List<WorkUnit>((blockCount + size - 1) / size);
            for (int start = 0; start < blockCount; start += size)
            {
                units.Add(new WorkUnit(job, first + start, args, start, Math.Min(size, blockCount - start)));
            }

            Submit(job, units, _taskTimeout is not null);
        }

        WatchCancellation(job, result.Task, cancellationToken);

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
    /// <param name="chunksize">Items per task; null for the default.</param>
    /// <param name="cancellationToken">Cancels the map.</param>
    /// <returns>The results, in order.</returns>
    public TResult[] Starmap<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int? chunksize = null, CancellationToken cancellationToken = default)
        where TArgs : struct, ITuple =>
        Map(target, items, chunksize, cancellationToken);

    /// <summary>Python's <c>starmap_async</c>: <see cref="MapAsync{TArgs, TResult}"/> over argument tuples. Does not block.</summary>
    /// <typeparam name="TArgs">The argument tuple type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The argument tuples.</param>
    /// <param name="chunksize">Items per task; null for the default.</param>
    /// <param name="callback">Called with the results.</param>
    /// <param name="errorCallback">Called with the exception.</param>
    /// <param name="progress">Told how many items are done.</param>
    /// <param name="cancellationToken">Cancels the map.</param>
    /// <returns>The pending results.</returns>
    public AsyncResult<TResult[]> StarmapAsync<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        IEnumerable<TArgs> items,
        int? chunksize = null,
        Action<TResult[]>? callback = null,
        Action<Exception>? errorCallback = null,
        IProgress<PoolProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TArgs : struct, ITuple =>
        MapAsync(target, items, chunksize, callback, errorCallback, progress, cancellationToken);

    /// <summary>
    /// Python's <c>imap</c>: results in order, produced lazily — items are read and queued only a window
    /// ahead of the consumer, so <paramref name="items"/> may be long or endless. Blocks while it waits for
    /// the next result; a failed item throws when it is reached.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunksize">Items per task (default 1, as in Python).</param>
    /// <param name="cancellationToken">Cancels; workers running its items are killed and replaced.</param>
    /// <returns>The results, in order.</returns>
    public IEnumerable<TResult> Imap<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunksize = 1, CancellationToken cancellationToken = default) =>
        OutcomeStream.Blocking(ImapAsync(target, items, chunksize, cancellationToken), cancellationToken);

    /// <summary>Python's <c>imap_unordered</c>: like <see cref="Imap{TArgs, TResult}"/>, results as they complete. Blocks while waiting.</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunksize">Items per task (default 1).</param>
    /// <param name="cancellationToken">Cancels; workers running its items are killed and replaced.</param>
    /// <returns>The results, in completion order.</returns>
    public IEnumerable<TResult> ImapUnordered<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunksize = 1, CancellationToken cancellationToken = default) =>
        OutcomeStream.Blocking(ImapUnorderedAsync(target, items, chunksize, cancellationToken), cancellationToken);

    /// <summary><see cref="Imap{TArgs, TResult}"/> as an <see cref="IAsyncEnumerable{T}"/>: awaits instead of blocking.</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunksize">Items per task (default 1).</param>
    /// <param name="cancellationToken">Cancels; workers running its items are killed and replaced.</param>
    /// <returns>The results, in order.</returns>
    public IAsyncEnumerable<TResult> ImapAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunksize = 1, CancellationToken cancellationToken = default)
    {
        CheckStream(target, items, chunksize);
        return Stream(target, items, chunksize, ordered: true, cancellationToken);
    }

    /// <summary><see cref="ImapUnordered{TArgs, TResult}"/> as an <see cref="IAsyncEnumerable{T}"/>: awaits instead of blocking.</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunksize">Items per task (default 1).</param>
    /// <param name="cancellationToken">Cancels; workers running its items are killed and replaced.</param>
    /// <returns>The results, in completion order.</returns>
    public IAsyncEnumerable<TResult> ImapUnorderedAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunksize = 1, CancellationToken cancellationToken = default)
    {
        CheckStream(target, items, chunksize);
        return Stream(target, items, chunksize, ordered: false, cancellationToken);
    }

    /// <summary>
    /// Stops accepting work (Python's <c>close()</c>); queued work still runs, then the workers exit. Does not block.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_state == PoolState.Running)
            {
                _state = PoolState.Closed;
                Pump();
            }
        }
    }

    /// <summary>
    /// Blocks until every worker has exited (Python's <c>join()</c>): after <see cref="Close"/>, when the
    /// queued work is done; after <see cref="Terminate"/>, at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pool is still running: call <see cref="Close"/> or <see cref="Terminate"/> first.</exception>
    public void Join()
    {
        lock (_gate)
        {
            if (_state == PoolState.Running)
            {
                throw new InvalidOperationException("Pool is still running: call Close() or Terminate() before Join().");
            }
        }

        foreach (Thread thread in _slotThreads)
        {
            thread.Join();
        }

        _watchdog?.Dispose();
    }

    /// <summary>Waits for the workers to exit without blocking a thread of the caller's. See <see cref="Join"/>.</summary>
    /// <param name="cancellationToken">Stops waiting (the pool carries on).</param>
    /// <returns>A task that completes when every worker has exited.</returns>
    /// <exception cref="InvalidOperationException">The pool is still running.</exception>
    public Task JoinAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state == PoolState.Running)
            {
                throw new InvalidOperationException("Pool is still running: call Close() or Terminate() before JoinAsync().");
            }
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
        List<PoolJob> jobs = [];
        lock (_gate)
        {
            if (_state != PoolState.Terminated)
            {
                _state = PoolState.Terminated;
                PoolJob? last = null;
                foreach (WorkUnit unit in _pending)
                {
                    if (unit.Job != last)
                    {
                        jobs.Add(last = unit.Job);
                    }
                }

                _pending.Clear();
                foreach (PoolWorker? worker in _workers)
                {
                    if (worker is null)
                    {
                        continue;
                    }

                    foreach (WorkUnit unit in worker.Held)
                    {
                        jobs.Add(unit.Job);
                    }

                    KillWorker(worker);
                }
            }
        }

        var error = new OperationCanceledException("The pool was terminated before this task completed.");
        foreach (PoolJob job in jobs.Distinct())
        {
            job.Abort(error);
        }

        foreach (Thread thread in _slotThreads)
        {
            if (thread.IsAlive && thread != Thread.CurrentThread)
            {
                thread.Join();
            }
        }

        _watchdog?.Dispose();
    }

    /// <summary>
    /// Python's <c>with Pool() as p:</c> exit: <see cref="Terminate"/> (unfinished tasks fail) unless the pool
    /// was already closed and joined. Blocks until the workers are reaped; leaves no process behind.
    /// </summary>
    public void Dispose()
    {
        Terminate();
        _disposed = true;
        _started.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"<Pool processes={_processes} state={(_disposed ? "disposed" : _state)}>";

    /// <summary>Python's default: ceil(n / (4 × processes)), at least 1.</summary>
    private int DefaultChunksize(int count) => Math.Max(1, (count + (4 * _processes) - 1) / (4 * _processes));

    private static TimeSpan? CheckTimeout(TimeSpan? timeout)
    {
        if (timeout is TimeSpan t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "timeout must be positive, or null for the pool's TaskTimeout.");
        }

        return timeout;
    }

    private void CheckStream<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunksize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        if (chunksize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunksize), chunksize, "chunksize must be at least 1.");
        }

        ThrowIfNotRunning();
    }

    private async IAsyncEnumerable<TResult> Stream<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        IEnumerable<TArgs> items,
        int chunksize,
        bool ordered,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var job = new StreamJob<TResult>(target, target.ReadResult, _taskTimeout);
        using CancellationTokenRegistration registration = cancellationToken.Register(s_onCanceled, (this, (PoolJob)job, cancellationToken));
        lock (_gate)
        {
            ThrowIfNotRunningLocked();
            _openStreams++;
        }

        using IEnumerator<TArgs> input = items.GetEnumerator();
        try
        {
            IAsyncEnumerable<TResult> results = OutcomeStream.ReadAsync(
                input,
                chunksize,
                Math.Max(chunksize * Processes * 4, 64),
                ordered,
                (chunk, first) =>
                {
                    ArgBlock args = ArgBlock.Encode(target.WriteArguments, chunk, 0, chunk.Count);
                    Submit(job, [new WorkUnit(job, first, args, 0, chunk.Count)], _taskTimeout is not null, continuing: true);
                    return default;
                },
                job.Outcomes,
                complete =>
                {
                    if (!complete)
                    {
                        AbandonJob(job);
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
            lock (_gate)
            {
                _openStreams--;
                Pump();
            }
        }
    }

    /// <summary>Queues units; <paramref name="continuing"/> marks an imap that began before <see cref="Close"/>.</summary>
    private void Submit(PoolJob job, List<WorkUnit> units, bool timed, bool continuing = false)
    {
        lock (_gate)
        {
            if (!continuing || _state != PoolState.Closed || _broken is not null)
            {
                ThrowIfNotRunningLocked();
            }

            foreach (WorkUnit unit in units)
            {
                _pending.AddLast(unit);
            }

            Pump();
        }

        if (timed)
        {
            EnsureWatchdog();
        }
    }

    private void WatchCancellation(PoolJob job, Task completion, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        CancellationTokenRegistration registration = cancellationToken.Register(s_onCanceled, (this, job, cancellationToken));
        completion.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Fails <paramref name="job"/> with <paramref name="error"/>; kills workers running its items.</summary>
    private void CancelJob(PoolJob job, Exception error)
    {
        lock (_gate)
        {
            RemovePending(job);
            foreach (PoolWorker? worker in _workers)
            {
                if (worker is { State: WorkerState.Ready or WorkerState.Retiring } && worker.Kill is null && worker.Running() is { } running && running.Unit.Job == job)
                {
                    worker.Kill = new KillReason(job, null, 0, error);
                    KillWorker(worker);
                }
            }
        }

        job.Abort(error);
    }

    /// <summary>The consumer stopped iterating: drop the job's queued items; running ones finish unseen.</summary>
    private void AbandonJob(PoolJob job)
    {
        lock (_gate)
        {
            RemovePending(job);
        }

        job.Abort(new ObjectDisposedException("imap", "The iteration was abandoned."));
    }

    private void RemovePending(PoolJob job)
    {
        Debug.Assert(Monitor.IsEntered(_gate), "needs the lock");
        for (LinkedListNode<WorkUnit>? node = _pending.First; node is not null;)
        {
            LinkedListNode<WorkUnit>? next = node.Next;
            if (node.Value.Job == job)
            {
                _pending.Remove(node);
            }

            node = next;
        }
    }

    /// <summary>Hands queued units to workers that can take them (round robin, one unit per worker per pass), then sends.</summary>
    private void Pump()
    {
        Debug.Assert(Monitor.IsEntered(_gate), "needs the lock");
        if (_state == PoolState.Terminated || _broken is not null)
        {
            return;
        }

        int n = _workers.Length;
        bool any = true;
        while (any && _pending.First is not null)
        {
            any = false;
            for (int i = 0; i < n && _pending.First is not null; i++)
            {
                PoolWorker? worker = _workers[(_roundRobin + i) % n];
                if (worker is null)
                {
                    continue;
                }

                WorkUnit unit = _pending.First.Value;
                if (unit.Job.IsCompleted)
                {
                    _pending.RemoveFirst();
                    any = true;
                    continue;
                }

                if (worker.CanAccept(unit, _maxTasksPerChild))
                {
                    _pending.RemoveFirst();
                    worker.Append(unit);
                    any = true;
                }
            }
        }

        _roundRobin++;
        foreach (PoolWorker? worker in _workers)
        {
            if (worker is null)
            {
                continue;
            }

            worker.Flush(_gate);
            bool spent = _maxTasksPerChild > 0 && worker.UnitsDispatched >= _maxTasksPerChild;
            bool drained = _state == PoolState.Closed && _pending.First is null && _openStreams == 0;
            if (worker.Held.Count == 0 && worker.State == WorkerState.Ready && (spent || drained))
            {
                worker.Retire();
            }
        }
    }

    private void ThrowIfNotRunning()
    {
        lock (_gate)
        {
            ThrowIfNotRunningLocked();
        }
    }

    private void ThrowIfNotRunningLocked()
    {
        if (_broken is not null)
        {
            throw new InvalidOperationException($"The pool is broken and runs nothing: {_broken.Message}", _broken);
        }

        if (_state != PoolState.Running)
        {
            throw new InvalidOperationException(_state == PoolState.Closed
                ? "Pool not running: it was closed; no new work can be submitted."
                : "Pool not running: it was terminated.");
        }
    }
}
