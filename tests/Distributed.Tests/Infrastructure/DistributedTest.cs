using System.Diagnostics;

namespace Multiproc.Distributed.Tests.Infrastructure;

/// <summary>
/// One real nats-server per test (random port, temporary store), worker nodes as separate OS processes, a
/// temporary directory for marker files; everything is stopped and deleted at the end, and the test checks
/// that no node or child process is left.
/// </summary>
[Collection(DistributedCollection.Name)]
public abstract class DistributedTest : IDisposable
{
    private readonly List<WorkerNodeProcess> _nodes = [];
    private NatsServer? _server;

    protected DistributedTest()
    {
        WorkDirectory = Directory.CreateTempSubdirectory("mp-dist-test-").FullName;
        Options = new DistributedOptions
        {
            QueueName = "t" + Guid.NewGuid().ToString("N")[..12],
            AckWait = TimeSpan.FromSeconds(2),
            MaxDeliveries = 3,
            ConnectTimeout = TimeSpan.FromSeconds(20),
        };
    }

    protected NatsServer Server => _server ??= NatsServer.Start();

    protected DistributedOptions Options { get; set; }

    protected string WorkDirectory { get; }

    protected string PathFor(string name) => Path.Combine(WorkDirectory, name);

    protected WorkerNodeProcess StartNode(int processes = 1, DistributedOptions? options = null, params string[] extra)
    {
        WorkerNodeProcess node = WorkerNodeProcess.Start(Server.Url, options ?? Options, processes, extra);
        _nodes.Add(node);
        return node;
    }

    protected Task<DistributedPool> ConnectAsync(DistributedOptions? options = null) => DistributedPool.ConnectAsync(Server.Url, options ?? Options);

    protected void UseServer(NatsServer server) => _server = server;

    /// <summary>Waits for a condition that another process makes true (a marker file), polling.</summary>
    protected static void WaitFor(Func<bool> condition, string what, int seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        foreach (WorkerNodeProcess node in _nodes)
        {
            node.Dispose();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DistributedCollection
{
    public const string Name = "Distributed";
}
