namespace Multiproc.Distributed.Tests.Infrastructure;

/// <summary>A test that needs a real <c>nats-server</c>: skipped, with the reason, when none is installed.</summary>
public sealed class NatsFactAttribute : FactAttribute
{
    public NatsFactAttribute()
    {
        if (NatsServer.FindExecutable() is null)
        {
            Skip = "nats-server is not installed (apt-get install nats-server); the distributed tests need a real server.";
        }
    }
}
