using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Multiproc.Tests.Connections;

public sealed class ListenerTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly byte[] Key = "secret key"u8.ToArray();
    private readonly string _directory = Directory.CreateTempSubdirectory("mp-conn-test-").FullName;

    public void Dispose()
    {
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
        Directory.Delete(_directory);
    }

    [Fact]
    public void UnixListener_ExchangesMessages_AndRemovesItsSocketFileOnClose()
    {
        string path = Path.Combine(_directory, "listener.sock");
        using (var listener = Listener.Unix(path))
        {
            Assert.True(File.Exists(path));
            using Connection client = Multiprocessing.Client(path);
            using Connection server = listener.Accept();
            client.SendBytes("ping"u8);
            Assert.Equal("ping"u8.ToArray(), server.RecvBytes());
            server.Send("pong");
            Assert.Equal("pong", client.Recv<string>());
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void DefaultListener_IsAUnixSocketThatIsRemovedOnDispose()
    {
        string path;
        using (var listener = new Listener())
        {
            path = Assert.IsType<UnixDomainSocketEndPoint>(listener.Address).ToString();
            Assert.True(File.Exists(path));
            using Connection client = Multiprocessing.Client(listener.Address);
            using Connection server = listener.Accept();
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void UnixListener_OnAnExistingPath_FailsAndLeavesTheFileAlone()
    {
        string path = Path.Combine(_directory, "taken");
        File.WriteAllText(path, "mine");
        var error = Assert.Throws<IOException>(() => Listener.Unix(path));
        Assert.Contains(path, error.Message);
        Assert.Equal("mine", File.ReadAllText(path));
        File.Delete(path);
    }

    [Fact]
    public void Client_WithNothingListening_FailsNamingTheAddress()
    {
        string path = Path.Combine(_directory, "nobody.sock");
        var error = Assert.Throws<IOException>(() => Multiprocessing.Client(path));
        Assert.Contains("nobody.sock", error.Message);
    }

    [Fact]
    public async Task TcpListener_BindsLoopbackOnAFreePort()
    {
        using var listener = Listener.Tcp(authKey: Key);
        var address = Assert.IsType<IPEndPoint>(listener.Address);
        Assert.Equal(IPAddress.Loopback, address.Address);
        Assert.NotEqual(0, address.Port);

        Task<Connection> accepting = Task.Run(listener.Accept);
        using Connection client = Multiprocessing.Client(new DnsEndPoint("localhost", address.Port), Key);
        using Connection server = await accepting.WaitAsync(Generous);
        Assert.NotNull(listener.LastAccepted);
        client.Send(12);
        Assert.Equal(12, server.Recv<int>());
    }

    [Fact]
    public async Task SameKey_AuthenticatesBothWays()
    {
        using var listener = Listener.Unix(Path.Combine(_directory, "auth.sock"), Key);
        Task<Connection> accepting = Task.Run(listener.Accept);
        using Connection client = Multiprocessing.Client(listener.Address, Key);
        using Connection server = await accepting.WaitAsync(Generous);
        server.SendBytes("welcome"u8);
        Assert.Equal("welcome"u8.ToArray(), client.RecvBytes());
    }

    [Fact]
    public async Task SameKey_AuthenticatesAsynchronously()
    {
        using var listener = Listener.Tcp(authKey: Key);
        Task<Connection> accepting = listener.AcceptAsync();
        using Connection client = await Multiprocessing.ClientAsync(listener.Address, Key);
        using Connection server = await accepting.WaitAsync(Generous);
        await client.SendAsync("async");
        Assert.Equal("async", await server.RecvAsync<string>());
    }

    [Fact]
    public async Task WrongKey_FailsOnBothSides_AndTheListenerGoesOn()
    {
        using var listener = Listener.Unix(Path.Combine(_directory, "wrong.sock"), Key, backlog: 4);
        Task<Connection> accepting = Task.Run(listener.Accept);
        var clientError = Assert.Throws<AuthenticationFailedException>(() => Multiprocessing.Client(listener.Address, "other key"u8.ToArray()));
        Assert.Contains("different authkey", clientError.Message);
        var serverError = await Assert.ThrowsAsync<AuthenticationFailedException>(() => accepting.WaitAsync(Generous));
        Assert.Contains("failed authentication", serverError.Message);

        await AssertServesAGoodClientAsync(listener);
    }

    [Fact]
    public async Task WrongKey_FailsOnBothSides_Asynchronously()
    {
        using var listener = Listener.Tcp(authKey: Key, backlog: 4);
        Task<Connection> accepting = listener.AcceptAsync();
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => Multiprocessing.ClientAsync(listener.Address, "other"u8.ToArray()));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => accepting.WaitAsync(Generous));

        Task<Connection> next = listener.AcceptAsync();
        using Connection client = await Multiprocessing.ClientAsync(listener.Address, Key);
        using Connection server = await next.WaitAsync(Generous);
    }

    [Fact]
    public async Task RandomBytes_InsteadOfAnAnswer_DisconnectThatClientOnly()
    {
        byte[] garbage = new byte[100];
        new Random(4).NextBytes(garbage);
        await AssertBadClientIsRefusedAsync(garbage, "authentication");
    }

    [Fact]
    public async Task TruncatedFrame_DisconnectsThatClientOnly()
    {
        byte[] frame = [0, 0, 0, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Exception error = await AssertBadClientIsRefusedAsync(frame, "got 10 of 100 bytes");
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public async Task LengthOfTwoToTheFortieth_DisconnectsThatClientOnly()
    {
        byte[] frame = RawPair.LargeFormHeader(1UL << 40);
        Exception error = await AssertBadClientIsRefusedAsync(frame, "1099511627776");
        Assert.IsType<MessageLengthException>(error.InnerException);
    }

    [Fact]
    public async Task WellFramedWrongAnswer_DisconnectsThatClientOnly()
    {
        byte[] answer = [.. "{sha256}"u8, .. new byte[32]];
        byte[] frame = [0, 0, 0, (byte)answer.Length, .. answer];
        Exception error = await AssertBadClientIsRefusedAsync(frame, "digest received was wrong");
        Assert.Contains("failed authentication", error.Message);
    }

    [Fact]
    public async Task Client_FacingAListenerThatSendsGarbage_FailsClearly()
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Listen(1);
        Task serving = Task.Run(() =>
        {
            using Socket accepted = server.Accept();
            accepted.Send(RawPair.LargeFormHeader(1UL << 40));
            accepted.Shutdown(SocketShutdown.Send);
            byte[] sink = new byte[64];
            while (accepted.Receive(sink) > 0)
            {
            }
        });
        var error = Assert.Throws<AuthenticationFailedException>(() => Multiprocessing.Client(server.LocalEndPoint!, Key));
        Assert.Contains("broke off the authentication handshake", error.Message);
        Assert.IsType<MessageLengthException>(error.InnerException);
        await serving.WaitAsync(Generous);
    }

    [Fact]
    public async Task SilentClient_IsDisconnectedAfterTheHandshakeTimeout()
    {
        using var listener = Listener.Unix(Path.Combine(_directory, "silent.sock"), Key, backlog: 4);
        listener.HandshakeTimeout = TimeSpan.FromSeconds(1);
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Connect(listener.Address);
        var error = Assert.Throws<AuthenticationFailedException>(listener.Accept);
        Assert.Contains("did not complete the authentication handshake within 1 s", error.Message);
        silent.ReceiveTimeout = (int)Generous.TotalMilliseconds;
        DrainToEnd(silent); // The challenge, then end of stream: the listener hung up.

        await AssertServesAGoodClientAsync(listener);
    }

    [Fact]
    public async Task SilentClient_IsDisconnectedAfterTheHandshakeTimeout_Asynchronously()
    {
        using var listener = Listener.Tcp(authKey: Key, backlog: 4);
        listener.HandshakeTimeout = TimeSpan.FromSeconds(1);
        using var silent = new Socket(SocketType.Stream, ProtocolType.Tcp);
        silent.Connect(listener.Address);
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => listener.AcceptAsync().WaitAsync(Generous));
        Assert.Contains("within 1 s", error.Message);

        Task<Connection> next = listener.AcceptAsync();
        using Connection client = await Multiprocessing.ClientAsync(listener.Address, Key);
        using Connection server = await next.WaitAsync(Generous);
    }

    [Fact]
    public async Task WithoutAuthkey_BadFramesReachTheReceiver_AndTheListenerGoesOn()
    {
        using var listener = Listener.Unix(Path.Combine(_directory, "open.sock"), backlog: 4);
        using (var bad = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            bad.Connect(listener.Address);
            byte[] frame = RawPair.LargeFormHeader(1UL << 40);
            bad.Send(frame);
            using Connection server = listener.Accept();
            Assert.Throws<MessageLengthException>(() => server.RecvBytes());
            Assert.False(server.Readable);
        }

        Task<Connection> accepting = Task.Run(listener.Accept);
        using Connection client = Multiprocessing.Client(listener.Address);
        using Connection good = await accepting.WaitAsync(Generous);
        client.Send(1);
        Assert.Equal(1, good.Recv<int>());
    }

    [Fact]
    public void ClosedListener_RefusesToAccept()
    {
        var listener = Listener.Tcp();
        listener.Close();
        listener.Dispose();
        Assert.Throws<ObjectDisposedException>(listener.Accept);
    }

    [Fact]
    public async Task Close_FromAnotherThread_EndsABlockedAccept()
    {
        var listener = Listener.Unix(Path.Combine(_directory, "closing.sock"));
        Task<Connection> accepting = Task.Run(listener.Accept);
        // Wait until the accept is under way is not observable; closing before or during it must both end it.
        listener.Close();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => accepting.WaitAsync(Generous));
    }

    /// <summary>Connects a bare socket that sends <paramref name="bytes"/> instead of answering, and checks the fallout.</summary>
    private async Task<Exception> AssertBadClientIsRefusedAsync(byte[] bytes, string expectedInMessage)
    {
        using var listener = Listener.Unix(Path.Combine(_directory, "bad.sock"), Key, backlog: 4);
        Task<Connection> accepting = Task.Run(listener.Accept);
        using (var bad = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            bad.Connect(listener.Address);
            bad.Send(bytes);
            bad.Shutdown(SocketShutdown.Send);
            var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => accepting.WaitAsync(Generous));
            Assert.Contains(expectedInMessage, error.Message + " " + error.InnerException?.Message);
            Assert.Contains("disconnected", error.Message);
            await AssertServesAGoodClientAsync(listener);
            return error;
        }
    }

    private static async Task AssertServesAGoodClientAsync(Listener listener)
    {
        Task<Connection> accepting = Task.Run(listener.Accept);
        using Connection client = Multiprocessing.Client(listener.Address, Key);
        using Connection server = await accepting.WaitAsync(Generous);
        client.SendBytes("after"u8);
        Assert.Equal("after"u8.ToArray(), server.RecvBytes());
    }

    private static void DrainToEnd(Socket socket)
    {
        byte[] buffer = new byte[256];
        while (socket.Receive(buffer) > 0)
        {
        }
    }
}
