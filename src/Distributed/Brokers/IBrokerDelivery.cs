namespace Multiproc.Distributed.Brokers;

/// <summary>One delivery of a queued task to a worker; exactly one of ack, nak or terminate ends it.</summary>
internal interface IBrokerDelivery
{
    /// <summary>The task as published.</summary>
    ReadOnlyMemory<byte> Body { get; }

    /// <summary>How many times the task has been delivered, this delivery included (1 the first time).</summary>
    int DeliveryCount { get; }

    /// <summary>Done: the task leaves the queue.</summary>
    ValueTask AckAsync(CancellationToken cancellationToken);

    /// <summary>Not done here: deliver it again (to any worker) after <paramref name="delay"/>.</summary>
    ValueTask NakAsync(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Still working on it: restarts the redelivery timer.</summary>
    ValueTask ProgressAsync(CancellationToken cancellationToken);

    /// <summary>Never deliver it again (malformed, poison, expired, unknown).</summary>
    ValueTask TerminateAsync(string reason, CancellationToken cancellationToken);
}
