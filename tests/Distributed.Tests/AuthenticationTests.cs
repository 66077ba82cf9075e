using Multiproc.Distributed.Tests.Infrastructure;
using Targets = Multiproc.Tests.DistributedTargets.Targets;

namespace Multiproc.Distributed.Tests;

/// <summary>Guarantee 13: a server with authentication refuses wrong credentials with a clear error.</summary>
public sealed class AuthenticationTests : DistributedTest
{
    [NatsFact]
    public async Task UserAndPassword_WrongOnesAreRefused_RightOnesWork()
    {
        UseServer(NatsServer.Start("--user", "alice", "--pass", "s3cret"));
        var wrong = new DistributedOptions { QueueName = Options.QueueName, Username = "alice", Password = "guess" };
        var e = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => DistributedPool.ConnectAsync(Server.Url, wrong));
        Assert.Contains("refused the credentials", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guess", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => DistributedPool.ConnectAsync(Server.Url, new DistributedOptions { QueueName = Options.QueueName }));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => DistributedPool.ConnectAsync($"nats://alice:guess@127.0.0.1:{Server.Port}", new DistributedOptions { QueueName = Options.QueueName }));

        var right = new DistributedOptions { QueueName = Options.QueueName, AckWait = Options.AckWait, Username = "alice", Password = "s3cret" };
        StartNode(options: right, extra: ["--user", "alice", "--password", "s3cret"]);
        await using DistributedPool pool = await DistributedPool.ConnectAsync(Server.Url, right);
        Assert.Equal(64, await pool.ApplyAsync(Targets.Square, 8));
        await using DistributedPool viaUrl = await DistributedPool.ConnectAsync($"nats://alice:s3cret@127.0.0.1:{Server.Port}", new DistributedOptions { QueueName = Options.QueueName, AckWait = Options.AckWait });
        Assert.Equal(49, await viaUrl.ApplyAsync(Targets.Square, 7));
    }

    [NatsFact]
    public async Task Token_WrongOneIsRefused_RightOneWorks()
    {
        UseServer(NatsServer.Start("--auth", "t0ken"));
        var e = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => DistributedPool.ConnectAsync(Server.Url, new DistributedOptions { QueueName = Options.QueueName, Token = "wrong" }));
        Assert.Contains("Token", e.Message, StringComparison.Ordinal);
        await using DistributedPool pool = await DistributedPool.ConnectAsync(Server.Url, new DistributedOptions { QueueName = Options.QueueName, Token = "t0ken" });
        Assert.Equal("<DistributedPool queue=" + Options.QueueName + $" server={Server.Url} jobs=0>", pool.ToString());
    }

    [NatsFact]
    public async Task NoServer_FailsClearly()
    {
        var options = new DistributedOptions { QueueName = Options.QueueName, ConnectTimeout = TimeSpan.FromSeconds(2) };
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => DistributedPool.ConnectAsync("nats://127.0.0.1:1", options));
        Assert.Contains("nats-server", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedOptions { QueueName = "bad name!" }.Validate());
    }
}
