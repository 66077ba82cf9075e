using Multiproc.Distributed.Brokers;

namespace Multiproc.Distributed.Tests.Infrastructure;

/// <summary>Reads the server's view of a pool's queue (messages in the task and result streams).</summary>
internal static class QueueProbe
{
    public static NatsTaskBroker Broker(DistributedPool pool) => (NatsTaskBroker)pool.Broker;

    public static long QueuedTasks(DistributedPool pool) => Broker(pool).CountQueuedTasksAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public static long StoredResults(DistributedPool pool) => Broker(pool).CountStoredResultsAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
