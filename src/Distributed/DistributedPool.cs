using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Multiproc.Distributed.Brokers;
using Multiproc.Distributed.Caller;
using Multiproc.Distributed.Wire;
using Multiproc.Pools;
using Multiproc.Serialization;

namespace Multiproc.Distributed;

/// <summary>
/// A pool whose workers are other machines: the <see cref="Pool"/> API (Python's <c>multiprocessing.Pool</c>)
/// over NATS JetStream. Tasks go into a durable queue on the server; worker nodes
/// (<see cref="DistributedWorker"/>, the same program in worker mode) pull them and run them in their own
/// local pools of child processes; results come back to this caller.
/// </summary>
/// <remarks>
/// <para>
/// Delivery: a task is acknowledged only after its result is stored, so a worker node that dies (SIGKILL,
/// power loss) leaves its tasks to be delivered again after <see cref="DistributedOptions.AckWait"/>; a task
/// that ran twice is reported once (results are keyed by task). A task whose child process dies is delivered
/// again up to <see cref="DistributedOptions.MaxDeliveries"/> times, then fails with
/// <see cref="DistributedTaskException"/>. A target that throws fails with <see cref="RemoteException"/> and is
/// not retried. Submitting more than <see cref="DistributedOptions.MaxQueuedTasks"/> waits for room.
/// </para>
/// <para>
/// Differences from the local pool: <see cref="ApplyAsync{TArgs, TResult}"/> and <see cref="MapAsync{TArgs, TResult}"/>
/// return tasks (they wait while the queue is full); a map's chunk is the unit of redelivery. Members may be
/// called from any thread.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class DistributedPool : IAsyncDisposable, IDisposable
{
    /// <summary>Chunks a map publishes before it waits for their acknowledgements.</summary>
    private const int PublishWindow = 16;

    private readonly ITaskBroker _broker;
    private readonly DistributedOptions _options;
    private readonly string _callerId = Guid.NewGuid().ToString("N");
    private readonly string _endpoint;
    private readonly ConcurrentDictionary<Guid, CallerJob> _jobs = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _results;
    private int _disposed;

    private DistributedPool(ITaskBroker broker, DistributedOptions options, string endpoint)
    {
        _broker = broker;
        _options = options;
        _endpoint = endpoint;
        _results = Task.Run(ReadResultsAsync);
    }

    /// <summary>
    /// Connects to the server at <paramref name="connectionString"/> and creates the queue's streams if they
    /// do not exist. Tasks run once worker nodes (<see cref="DistributedWorker"/>) serve the same queue.
    /// </summary>
    /// <param name="connectionString">The server, e.g. <c>nats://10.0.0.5:4222</c> or <c>nats://user:password@host:4222</c>.</param>
    /// <param name="options">Queue name, credentials and delivery rules; null for defaults.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The connected pool.</returns>
    /// <exception cref="UnauthorizedAccessException">The server refused the credentials.</exception>
    /// <exception cref="InvalidOperationException">The server is unreachable or has no JetStream.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public static async Task<DistributedPool> ConnectAsync(string connectionString, DistributedOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DistributedOptions();
        NatsTaskBroker broker = await NatsTaskBroker.ConnectAsync(connectionString, options, $"multiproc-caller-{Environment.MachineName}-{Environment.ProcessId}", cancellationToken).ConfigureAwait(false);
        return new DistributedPool(broker, options, connectionString.Contains('@', StringComparison.Ordinal) ? connectionString[(connectionString.LastIndexOf('@') + 1)..] : connectionString);
    }

    /// <summary>The queue this pool submits to.</summary>
    public string QueueName => _options.QueueName;

    /// <summary>The broker, for tests.</summary>
    internal ITaskBroker Broker => _broker;

    /// <summary>Runs <paramref name="target"/> on a worker node and blocks for its result (Python's <c>apply</c>).</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Cancels the task; if it is running, the child process running it is killed.</param>
    /// <returns>The target's result.</returns>
    public TResult Apply<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments, CancellationToken cancellationToken = default) =>
        ApplyAsync(target, arguments, cancellationToken: cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Queues <paramref name="target"/> for a worker node and awaits its result (Python's <c>apply_async</c>).
    /// Waits while the queue is full.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="arguments">The arguments; encoded now, so an argument that cannot be encoded or is too large throws here.</param>
    /// <param name="timeout">How long the task may run once started before its child is killed and it fails with <see cref="TimeoutException"/>; null for <see cref="DistributedOptions.TaskTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the task: a queued task is removed, a running one's child process is killed.</param>
    /// <returns>The target's result.</returns>
    /// <exception cref="RemoteException">The target threw; the worker's type name, message and stack.</exception>
    /// <exception cref="DistributedTaskException">The task was given up (poison, unknown target, expired, result too large).</exception>
    /// <exception cref="TimeoutException">The task ran longer than its timeout.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the pool was disposed.</exception>
    /// <exception cref="ArgumentException">The arguments could not be encoded, or are larger than the server accepts.</exception>
    public async Task<TResult> ApplyAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (timeout is TimeSpan t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "timeout must be positive, or null for DistributedOptions.TaskTimeout.");
        }

        ThrowIfDisposed();
        var result = new AsyncResult<TResult>(null, null);
        var job = new CallerJob(new ApplyJob<TResult>(target, target.ReadResult, null, result));
        Register(job);
        using CancellationTokenRegistration registration = WatchCancellation(job, cancellationToken);
        try
        {
            await PublishAsync(job, target.WriteArguments, [arguments], 0, timeout ?? _options.TaskTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Forget(job, e);
            throw;
        }

        return await result.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="target"/> over every item on worker nodes and blocks for the results, in order
    /// (Python's <c>map</c>). If items fail, the exception of the first failing item is thrown once the map is complete.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments, one per call.</param>
    /// <param name="chunkSize">Items per task; null for a default that makes about 32 tasks (at most 512 items each).</param>
    /// <param name="cancellationToken">Cancels the map: queued tasks are removed, running ones' children are killed.</param>
    /// <returns>The results, in the order of <paramref name="items"/>.</returns>
    public TResult[] Map<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int? chunkSize = null, CancellationToken cancellationToken = default) =>
        MapAsync(target, items, chunkSize, cancellationToken: cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Queues <paramref name="target"/> over every item and awaits the results, in order (Python's
    /// <c>map_async</c>). Tasks are published as the items are encoded, waiting while the queue is full.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments, one per call; read completely now.</param>
    /// <param name="chunkSize">Items per task; null for a default that makes about 32 tasks (at most 512 items each).</param>
    /// <param name="progress">Told how many items are done as task results arrive.</param>
    /// <param name="cancellationToken">Cancels the map: queued tasks are removed, running ones' children are killed.</param>
    /// <returns>The results, in the order of <paramref name="items"/>.</returns>
    public async Task<TResult[]> MapAsync<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        IEnumerable<TArgs> items,
        int? chunkSize = null,
        IProgress<PoolProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        if (chunkSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "chunkSize must be at least 1, or null for the default.");
        }

        ThrowIfDisposed();
        IReadOnlyList<TArgs> list = items as IReadOnlyList<TArgs> ?? items.ToArray();
        int size = chunkSize ?? Math.Clamp((list.Count + 31) / 32, 1, 512);
        var result = new AsyncResult<TResult[]>(null, null);
        var job = new CallerJob(new MapJob<TResult>(target, target.ReadResult, null, list.Count, progress, result));
        Register(job);
        using CancellationTokenRegistration registration = WatchCancellation(job, cancellationToken);
        try
        {
            var pending = new List<Task>(PublishWindow);
            for (int first = 0; first < list.Count; first += size)
            {
                TArgs[] chunk = Slice(list, first, Math.Min(size, list.Count - first));
                pending.Add(PublishAsync(job, target.WriteArguments, chunk, first, _options.TaskTimeout, cancellationToken));
                if (pending.Count == PublishWindow)
                {
                    await Task.WhenAll(pending).ConfigureAwait(false);
                    pending.Clear();
                }
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Forget(job, e);
            throw;
        }

        return await result.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Python's <c>imap</c>: results in order, produced lazily — items are read and queued only a window ahead
    /// of the consumer. Blocks while it waits; a failed item throws when it is reached.
    /// </summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunkSize">Items per task (default 1, as in Python).</param>
    /// <param name="cancellationToken">Cancels: queued tasks are removed, running ones' children are killed.</param>
    /// <returns>The results, in order.</returns>
    public IEnumerable<TResult> Imap<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize = 1, CancellationToken cancellationToken = default) =>
        OutcomeStream.Blocking(ImapAsync(target, items, chunkSize, cancellationToken), cancellationToken);

    /// <summary>Python's <c>imap_unordered</c>: like <see cref="Imap{TArgs, TResult}"/>, results as they complete, each once. Blocks while waiting.</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunkSize">Items per task (default 1).</param>
    /// <param name="cancellationToken">Cancels: queued tasks are removed, running ones' children are killed.</param>
    /// <returns>The results, in completion order.</returns>
    public IEnumerable<TResult> ImapUnordered<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize = 1, CancellationToken cancellationToken = default) =>
        OutcomeStream.Blocking(ImapUnorderedAsync(target, items, chunkSize, cancellationToken), cancellationToken);

    /// <summary><see cref="Imap{TArgs, TResult}"/> as an <see cref="IAsyncEnumerable{T}"/>: awaits instead of blocking.</summary>
    /// <typeparam name="TArgs">The argument (tuple) type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="items">The arguments.</param>
    /// <param name="chunkSize">Items per task (default 1).</param>
    /// <param name="cancellationToken">Cancels: queued tasks are removed, running ones' children are killed.</param>
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
    /// <param name="chunkSize">Items per task (default 1).</param>
    /// <param name="cancellationToken">Cancels: queued tasks are removed, running ones' children are killed.</param>
    /// <returns>The results, in completion order.</returns>
    public IAsyncEnumerable<TResult> ImapUnorderedAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize = 1, CancellationToken cancellationToken = default)
    {
        CheckStream(target, items, chunkSize);
        return Stream(target, items, chunkSize, ordered: false, cancellationToken);
    }

    /// <summary>
    /// Disconnects: unfinished tasks of this caller fail with <see cref="OperationCanceledException"/>, are
    /// removed from the queue (or, if running, their children are killed), and this caller's stored results
    /// are dropped. Worker nodes and other callers carry on.
    /// </summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var error = new OperationCanceledException("The distributed pool was disposed before this task completed.");
        foreach (CallerJob job in _jobs.Values)
        {
            await CancelJobAsync(job, error).ConfigureAwait(false);
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        try
        {
            await _results.ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _broker.PurgeResultsAsync(_callerId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Unreachable server: the results expire after DistributedOptions.ResultTimeToLive.
        }

        await _broker.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    /// <summary>Blocking <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override string ToString() => $"<DistributedPool queue={_options.QueueName} server={_endpoint} jobs={_jobs.Count}{(Volatile.Read(ref _disposed) != 0 ? " disposed" : "")}>";

    private static TArgs[] Slice<TArgs>(IReadOnlyList<TArgs> list, int first, int count)
    {
        var chunk = new TArgs[count];
        for (int i = 0; i < count; i++)
        {
            chunk[i] = list[first + i];
        }

        return chunk;
    }

    private void CheckStream<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        if (chunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "chunkSize must be at least 1.");
        }

        ThrowIfDisposed();
    }

    private async IAsyncEnumerable<TResult> Stream<TArgs, TResult>(
        ProcessTarget<TArgs, TResult> target,
        IEnumerable<TArgs> items,
        int chunkSize,
        bool ordered,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new StreamJob<TResult>(target, target.ReadResult, null);
        var job = new CallerJob(stream);
        Register(job);
        using CancellationTokenRegistration registration = WatchCancellation(job, cancellationToken);
        using IEnumerator<TArgs> input = items.GetEnumerator();
        IAsyncEnumerable<TResult> results = OutcomeStream.ReadAsync(
            input,
            chunkSize,
            Math.Max(chunkSize * 16, 64),
            ordered,
            (chunk, first) => new ValueTask(PublishAsync(job, target.WriteArguments, chunk.ToArray(), first, _options.TaskTimeout, cancellationToken)),
            stream.Outcomes,
            async complete =>
            {
                if (complete)
                {
                    _jobs.TryRemove(job.Id, out _);
                }
                else
                {
                    await CancelJobAsync(job, new ObjectDisposedException("imap", "The iteration was abandoned.")).ConfigureAwait(false);
                }
            },
            cancellationToken);
        await foreach (TResult value in results.ConfigureAwait(false))
        {
            yield return value;
        }
    }

    /// <summary>Encodes and publishes one task (splitting it when it is larger than the server accepts).</summary>
    private async Task PublishAsync<TArgs>(CallerJob job, WireWrite<TArgs> write, IReadOnlyList<TArgs> items, int firstItem, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        long expires = DateTimeOffset.UtcNow.Add(_options.TaskTimeToLive).ToUnixTimeMilliseconds();
        long timeoutMs = timeout is TimeSpan t ? Math.Max(1, (long)t.TotalMilliseconds) : 0;
        int chunk = job.NextChunk();
        byte[] body = TaskEnvelope.Encode(job.Target, job.Id, chunk, firstItem, _callerId, expires, timeoutMs, write, items);
        if (body.Length > _broker.MaxMessageBytes)
        {
            if (items.Count == 1)
            {
                throw new ArgumentException(
                    $"The arguments of {job.Target.Name} (item {firstItem}) are {body.Length} bytes encoded; the server accepts at most {_broker.MaxMessageBytes} bytes per message (nats-server's max_payload, less room for headers).", nameof(items));
            }

            int half = items.Count / 2;
            await PublishAsync(job, write, items.Take(half).ToArray(), firstItem, timeout, cancellationToken).ConfigureAwait(false);
            await PublishAsync(job, write, items.Skip(half).ToArray(), firstItem + half, timeout, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The caller's token is checked before the publish, not during it: a publish cancelled after the server stored
        // the task would leave it queued with no sequence to delete it by.
        cancellationToken.ThrowIfCancellationRequested();
        (ulong sequence, _) = await _broker.PublishTaskAsync(job.Target.Id, TaskEnvelope.TaskIdOf(job.Id, chunk), body, _closing.Token).ConfigureAwait(false);
        if (!job.Published(chunk, sequence))
        {
            // Cancelled while the task was on its way: the cancellation could not see it, so remove it here.
            using var deleting = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _broker.DeleteTaskAsync(sequence, deleting.Token).ConfigureAwait(false);
        }
    }

    private void Register(CallerJob job)
    {
        _jobs[job.Id] = job;
        if (Volatile.Read(ref _disposed) != 0)
        {
            _jobs.TryRemove(job.Id, out _);
            throw new ObjectDisposedException(nameof(DistributedPool));
        }
    }

    private CancellationTokenRegistration WatchCancellation(CallerJob job, CancellationToken cancellationToken) =>
        cancellationToken.Register(
            static state =>
            {
                var (pool, job, token) = ((DistributedPool, CallerJob, CancellationToken))state!;
                _ = pool.CancelJobAsync(job, new OperationCanceledException("The task was canceled.", token));
            },
            (this, job, cancellationToken));

    /// <summary>Publishing failed: the job ends with that error (what was already queued is cancelled).</summary>
    private void Forget(CallerJob job, Exception error) => _ = CancelJobAsync(job, error);

    /// <summary>Fails the job, removes its queued tasks and tells the workers to kill what runs of it.</summary>
    private async Task CancelJobAsync(CallerJob job, Exception error)
    {
        _jobs.TryRemove(job.Id, out _);
        if (!job.Abort(error))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _broker.PublishCancellationAsync(job.Id.ToByteArray(), timeout.Token).ConfigureAwait(false);
            foreach (ulong sequence in job.Unfinished())
            {
                await _broker.DeleteTaskAsync(sequence, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Unreachable server: workers drop the job's tasks when its results find no one, or when they expire.
        }
    }

    private async Task ReadResultsAsync()
    {
        CancellationToken closing = _closing.Token;
        while (!closing.IsCancellationRequested)
        {
            try
            {
                await foreach (byte[] body in _broker.ReadResultsAsync(_callerId, closing).ConfigureAwait(false))
                {
                    ResultEnvelope result;
                    try
                    {
                        result = ResultEnvelope.Decode(body);
                    }
                    catch (WireFormatException e)
                    {
                        Console.Error.WriteLine($"Multiproc: a result message was dropped: {e.Message}");
                        continue;
                    }

                    if (_jobs.TryGetValue(result.JobId, out CallerJob? job))
                    {
                        try
                        {
                            job.Deliver(result);
                        }
                        catch (Exception e) when (e is not OutOfMemoryException)
                        {
                            // A result that does not fit its job (items out of range): the job fails, reading goes on.
                            job.Abort(new WireFormatException($"A result for {job.Target.Name} did not fit the submitted work: {e.Message}", e));
                        }

                        RemoveIfDone(job);
                    }
                }
            }
            catch (Exception) when (closing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException && !closing.IsCancellationRequested)
            {
                Console.Error.WriteLine($"Multiproc: reading results failed ({e.Message}); reading again.");
                await Task.Delay(500, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void RemoveIfDone(CallerJob job)
    {
        if (job.IsCompleted)
        {
            _jobs.TryRemove(job.Id, out _);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
