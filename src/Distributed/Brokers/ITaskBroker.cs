namespace Multiproc.Distributed.Brokers;

/// <summary>
/// What the distributed pool needs from a message engine, and nothing more: a durable work queue of tasks
/// with per-task acknowledgement and redelivery, a result channel per caller, and a broadcast for
/// cancellations. <see cref="NatsTaskBroker"/> implements it on NATS JetStream; another engine (Redis
/// Streams, RabbitMQ) would implement this interface and leave <see cref="DistributedPool"/> and
/// <see cref="DistributedWorker"/> untouched.
/// </summary>
internal interface ITaskBroker : IAsyncDisposable
{
    /// <summary>The largest message the engine accepts, in bytes.</summary>
    int MaxMessageBytes { get; }

    /// <summary>
    /// Queues a task. De-duplicated by <paramref name="taskId"/> (a retried publish is stored once). Waits,
    /// without failing, while the queue is full or the engine is unreachable, until <paramref name="cancellationToken"/>.
    /// </summary>
    /// <returns>The task's position in the queue (for <see cref="DeleteTaskAsync"/>) and whether it was a duplicate.</returns>
    ValueTask<(ulong Sequence, bool Duplicate)> PublishTaskAsync(ulong targetId, string taskId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>Removes a queued task that no worker has finished (best effort: false when it is already gone).</summary>
    ValueTask<bool> DeleteTaskAsync(ulong sequence, CancellationToken cancellationToken);

    /// <summary>Delivers queued tasks to this worker, at most <paramref name="maxInFlight"/> unacknowledged at a time; ends at cancellation.</summary>
    IAsyncEnumerable<IBrokerDelivery> PullTasksAsync(int maxInFlight, CancellationToken cancellationToken);

    /// <summary>Publishes a task's result for <paramref name="callerId"/>; de-duplicated by <paramref name="resultId"/>. Throws when the engine did not store it.</summary>
    ValueTask PublishResultAsync(string callerId, string resultId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>The results published for <paramref name="callerId"/>, in order, surviving reconnects; ends at cancellation.</summary>
    IAsyncEnumerable<byte[]> ReadResultsAsync(string callerId, CancellationToken cancellationToken);

    /// <summary>Drops whatever results for <paramref name="callerId"/> are still stored.</summary>
    ValueTask PurgeResultsAsync(string callerId, CancellationToken cancellationToken);

    /// <summary>Tells every connected worker that a job was cancelled.</summary>
    ValueTask PublishCancellationAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>Cancellations as they are published; ends at cancellation.</summary>
    IAsyncEnumerable<byte[]> ReadCancellationsAsync(CancellationToken cancellationToken);
}
