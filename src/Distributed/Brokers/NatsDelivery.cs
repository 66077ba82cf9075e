using NATS.Client.JetStream;

namespace Multiproc.Distributed.Brokers;

/// <summary>A JetStream message delivered to a worker.</summary>
internal sealed class NatsDelivery(INatsJSMsg<byte[]> message) : IBrokerDelivery
{
    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Body => message.Data ?? [];

    /// <inheritdoc/>
    public int DeliveryCount => (int)Math.Min(int.MaxValue, message.Metadata?.NumDelivered ?? 1);

    /// <inheritdoc/>
    public ValueTask AckAsync(CancellationToken cancellationToken) => message.AckAsync(cancellationToken: cancellationToken);

    /// <inheritdoc/>
    public ValueTask NakAsync(TimeSpan delay, CancellationToken cancellationToken) => message.NakAsync(new AckOpts { NakDelay = delay }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask ProgressAsync(CancellationToken cancellationToken) => message.AckProgressAsync(cancellationToken: cancellationToken);

    /// <inheritdoc/>
    /// <remarks>nats-server 2.9 records no termination reason; the worker logs it instead.</remarks>
    public ValueTask TerminateAsync(string reason, CancellationToken cancellationToken) => message.AckTerminateAsync(cancellationToken: cancellationToken);
}
