using System.Collections.Concurrent;
using Multiproc.Distributed.Brokers;
using Multiproc.Distributed.Wire;
using Multiproc.Hosting;
using Multiproc.Serialization;

namespace Multiproc.Distributed.Worker;

/// <summary>
/// One worker node: pulls tasks from the broker, runs each on the node's own local <see cref="Pool"/> of
/// child processes, publishes the outcome for the caller and only then acknowledges the task, so a node that
/// dies at any point leaves its tasks to be redelivered (the caller drops a second result of the same task).
/// Reports progress for every task it holds, so a long task is not redelivered while it runs.
/// </summary>
internal sealed class WorkerNode
{
    /// <summary>How many cancelled job ids a node remembers (to drop their late deliveries).</summary>
    private const int CancelledJobsKept = 10_000;

    private static readonly ConcurrentDictionary<(ulong, ulong), ProcessTargetInfo> s_targets = new();

    /// <summary>
    /// A test seam: called with the task id after a task's result is stored and before the task is acknowledged.
    /// The tests kill the node here, to prove that the redelivered task's second result reaches the caller no more than once.
    /// </summary>
    internal static Action<string>? AfterResultStored { get; set; }

    private readonly ITaskBroker _broker;
    private readonly DistributedOptions _options;
    private readonly Pool _pool;
    private readonly int _maxInFlight;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<IBrokerDelivery, (Guid JobId, CancellationTokenSource Cancel)> _held = new();
    private readonly ConcurrentDictionary<Guid, long> _cancelledJobs = new();

    public WorkerNode(ITaskBroker broker, DistributedOptions options, Pool pool, int maxInFlight, Action<string> log)
    {
        _broker = broker;
        _options = options;
        _pool = pool;
        _maxInFlight = maxInFlight;
        _log = log;
    }

    /// <summary>Serves until <paramref name="stopping"/>; then the tasks still held are given back for other nodes.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var slots = new SemaphoreSlim(_maxInFlight);
        Task cancellations = Task.Run(() => ListenForCancellationsAsync(stopping), CancellationToken.None);
        Task progress = Task.Run(() => ReportProgressAsync(stopping), CancellationToken.None);
        var running = new ConcurrentDictionary<Task, byte>();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (IBrokerDelivery delivery in _broker.PullTasksAsync(_maxInFlight, stopping).ConfigureAwait(false))
                {
                    try
                    {
                        await slots.WaitAsync(stopping).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Stopping while waiting for a free slot: give the task back for another node.
                        await EndAsync(() => delivery.NakAsync(TimeSpan.Zero, CancellationToken.None)).ConfigureAwait(false);
                        throw;
                    }

                    var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    _held[delivery] = (Guid.Empty, cancel);
                    Task handling = HandleAsync(delivery, cancel, stopping);
                    running[handling] = 0;
                    _ = handling.ContinueWith(
                        t =>
                        {
                            _held.TryRemove(delivery, out _);
                            cancel.Dispose();
                            running.TryRemove(t, out _);
                            slots.Release();
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // The server restarted or the consumer was lost for a moment: pull again.
                _log($"pulling tasks failed ({e.Message}); pulling again");
                await Task.Delay(500, CancellationToken.None).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(running.Keys).ConfigureAwait(false);
        await Task.WhenAll(cancellations, progress).ConfigureAwait(false);
    }

    private async Task HandleAsync(IBrokerDelivery delivery, CancellationTokenSource cancel, CancellationToken stopping)
    {
        await Task.Yield();
        TaskEnvelope task;
        try
        {
            task = TaskEnvelope.Decode(delivery.Body);
        }
        catch (WireFormatException e)
        {
            _log($"rejected a task message: {e.Message}");
            await EndAsync(() => delivery.TerminateAsync(e.Message, CancellationToken.None)).ConfigureAwait(false);
            return;
        }

        _held[delivery] = (task.JobId, cancel);
        try
        {
            await RunAsync(delivery, task, cancel.Token, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: give the task back at once so another node runs it.
            await EndAsync(() => delivery.NakAsync(TimeSpan.Zero, CancellationToken.None)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log($"task {task.TaskId} of {task.TargetName} could not be completed here and will be delivered again: {e.Message}");
            await EndAsync(() => delivery.NakAsync(TimeSpan.FromSeconds(1), CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(IBrokerDelivery delivery, TaskEnvelope task, CancellationToken cancel, CancellationToken stopping)
    {
        if (delivery.DeliveryCount > _options.MaxDeliveries)
        {
            string message = $"Task {task.TaskId} of {task.TargetName} was delivered {delivery.DeliveryCount - 1} times (DistributedOptions.MaxDeliveries) and the process running it died each time; it is not delivered again.";
            await FailAndTerminateAsync(delivery, task, DistributedTaskFailure.DeliveryLimitReached, message, stopping).ConfigureAwait(false);
            return;
        }

        if (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > task.ExpiresAtMs)
        {
            string message = $"Task {task.TaskId} of {task.TargetName} waited in the queue longer than its time to live (DistributedOptions.TaskTimeToLive) and was not run.";
            await FailAndTerminateAsync(delivery, task, DistributedTaskFailure.Expired, message, stopping).ConfigureAwait(false);
            return;
        }

        if (_cancelledJobs.ContainsKey(task.JobId))
        {
            await delivery.AckAsync(stopping).ConfigureAwait(false);
            return;
        }

        if (!TargetRegistry.TryGet(task.TargetId, out TargetEntry? entry) || entry.SchemaHash != task.SchemaHash)
        {
            string message = entry is null
                ? $"The worker's build ({Environment.ProcessPath}) has no [ProcessTarget] '{task.TargetName}' (id 0x{task.TargetId:X16}): caller and worker run different versions of the program. The task is not retried."
                : $"The worker's build ({Environment.ProcessPath}) has '{task.TargetName}' with another signature (schema 0x{entry.SchemaHash:X16}, the caller's 0x{task.SchemaHash:X16}): rebuild so caller and worker match. The task is not retried.";
            await FailAndTerminateAsync(delivery, task, DistributedTaskFailure.UnknownTarget, message, stopping).ConfigureAwait(false);
            return;
        }

        ProcessTargetInfo target = s_targets.GetOrAdd((task.TargetId, task.SchemaHash), static (key, name) =>
            new ProcessTarget<ValueTuple, ValueTuple>(key.Item1, key.Item2, name, static (ref WireWriter _, ValueTuple _) => { }, static (ref WireReader _) => default), task.TargetName);
        var outcomes = new ChunkOutcomes(task.Items.Count);
        TimeSpan? timeout = task.TimeoutMs > 0 ? TimeSpan.FromMilliseconds(task.TimeoutMs) : null;
        try
        {
            await _pool.RunEncodedAsync(target, task.Items, timeout, outcomes, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The caller cancelled the job: its children were killed; nobody waits for a result.
            await delivery.AckAsync(stopping).ConfigureAwait(false);
            return;
        }

        if (outcomes.AnyWorkerDied && delivery.DeliveryCount < _options.MaxDeliveries)
        {
            // A child died running it: let the server deliver it again, here or on another node.
            await delivery.NakAsync(TimeSpan.FromMilliseconds(200), stopping).ConfigureAwait(false);
            return;
        }

        byte[] body = EncodeResult(task, outcomes, delivery.DeliveryCount);
        await PublishResultAsync(task, body, stopping).ConfigureAwait(false);
        AfterResultStored?.Invoke(task.TaskId);
        await delivery.AckAsync(stopping).ConfigureAwait(false);
    }

    private byte[] EncodeResult(TaskEnvelope task, ChunkOutcomes outcomes, int deliveries)
    {
        var items = new (OutcomeKind, byte[])[outcomes.Count];
        int limit = _broker.MaxMessageBytes;
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = outcomes.ErrorOf(i) switch
            {
                null when outcomes.ResultOf(i)!.Length > limit => (OutcomeKind.Failed, ResultEnvelope.EncodeFailed(DistributedTaskFailure.ResultTooLarge,
                    $"The result of {task.TargetName} (item {task.FirstItem + i}) is {outcomes.ResultOf(i)!.Length} bytes; the server accepts at most {_broker.MaxMessageBytes} bytes per message.")),
                null => (OutcomeKind.Returned, outcomes.ResultOf(i)!),
                RemoteException r => (OutcomeKind.Threw, ResultEnvelope.EncodeThrew(r.RemoteTypeName, r.RemoteMessage, r.RemoteStackTrace)),
                TimeoutException t => (OutcomeKind.TimedOut, ResultEnvelope.EncodeTimedOut(t.Message)),
                WorkerDiedException d => (OutcomeKind.Failed, ResultEnvelope.EncodeFailed(DistributedTaskFailure.DeliveryLimitReached,
                    $"Task {task.TaskId} of {task.TargetName} was delivered {deliveries} times (DistributedOptions.MaxDeliveries) and the process running it died each time; it is not delivered again. Last time: {d.Message}")),
                Exception e => (OutcomeKind.Threw, ResultEnvelope.EncodeThrew(e.GetType().FullName ?? e.GetType().Name, e.Message, e.ToString())),
            };
        }

        byte[] body = ResultEnvelope.Encode(task.JobId, task.Chunk, task.FirstItem, items);
        if (body.Length <= limit)
        {
            return body;
        }

        // Each result fits but together they do not: report the whole task as too large.
        byte[] tooLarge = ResultEnvelope.EncodeFailed(DistributedTaskFailure.ResultTooLarge,
            $"The results of {task.TargetName} (items {task.FirstItem}..{task.FirstItem + items.Length - 1}) are {body.Length} bytes together; the server accepts at most {_broker.MaxMessageBytes} bytes per message. Use a smaller chunkSize.");
        return ResultEnvelope.Encode(task.JobId, task.Chunk, task.FirstItem, Enumerable.Repeat((OutcomeKind.Failed, tooLarge), items.Length).ToArray());
    }

    private async Task FailAndTerminateAsync(IBrokerDelivery delivery, TaskEnvelope task, DistributedTaskFailure failure, string message, CancellationToken stopping)
    {
        _log(message);
        byte[] payload = ResultEnvelope.EncodeFailed(failure, message);
        byte[] body = ResultEnvelope.Encode(task.JobId, task.Chunk, task.FirstItem, Enumerable.Repeat((OutcomeKind.Failed, payload), task.Items.Count).ToArray());
        await PublishResultAsync(task, body, stopping).ConfigureAwait(false);
        await delivery.TerminateAsync(message, stopping).ConfigureAwait(false);
    }

    /// <summary>Publishes a result, retrying while the server is unreachable (the result is de-duplicated by task id).</summary>
    private async Task PublishResultAsync(TaskEnvelope task, byte[] body, CancellationToken stopping)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await _broker.PublishResultAsync(task.CallerId, task.TaskId, body, stopping).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (attempt < 20 && !stopping.IsCancellationRequested)
            {
                await Task.Delay(Math.Min(100 * attempt, 1000), stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task ListenForCancellationsAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (byte[] body in _broker.ReadCancellationsAsync(stopping).ConfigureAwait(false))
                {
                    if (body.Length != 16)
                    {
                        continue;
                    }

                    var jobId = new Guid(body);
                    RememberCancelled(jobId);
                    foreach ((Guid held, CancellationTokenSource cancel) in _held.Values)
                    {
                        if (held == jobId)
                        {
                            CancelQuietly(cancel);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log($"cancellation listener restarts after: {e.Message}");
                await Task.Delay(500, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void RememberCancelled(Guid jobId)
    {
        _cancelledJobs[jobId] = Environment.TickCount64;
        if (_cancelledJobs.Count > CancelledJobsKept)
        {
            foreach (KeyValuePair<Guid, long> old in _cancelledJobs.OrderBy(static p => p.Value).Take(CancelledJobsKept / 2).ToList())
            {
                _cancelledJobs.TryRemove(old.Key, out _);
            }
        }
    }

    private static void CancelQuietly(CancellationTokenSource cancel)
    {
        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The task ended meanwhile.
        }
    }

    /// <summary>Every third of AckWait: "still working" for each task held, so none is redelivered while it runs.</summary>
    private async Task ReportProgressAsync(CancellationToken stopping)
    {
        TimeSpan period = _options.AckWait / 3;
        using var timer = new PeriodicTimer(period > TimeSpan.FromMilliseconds(50) ? period : TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                foreach (IBrokerDelivery delivery in _held.Keys)
                {
                    try
                    {
                        await delivery.ProgressAsync(stopping).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Disconnected: the task may be redelivered; the caller drops a second result.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Acks, naks or terminates, tolerating a lost connection (the server then redelivers).</summary>
    private async Task EndAsync(Func<ValueTask> end)
    {
        try
        {
            await end().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log($"could not settle a task with the server ({e.Message}); it will be delivered again");
        }
    }
}
