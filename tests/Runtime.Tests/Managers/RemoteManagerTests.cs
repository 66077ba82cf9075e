using System.Net;
using System.Net.Sockets;
using Multiproc.Managers;
using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Managers;

public sealed class RemoteManagerTests : ChildProcessTest
{
    private static readonly byte[] Key = "abc"u8.ToArray();

    [Fact]
    public async Task ServeForeverAsync_OnTcp_ServesConnectedClients_AndFreesEverythingAtShutdown()
    {
        var server = new BaseManager(new IPEndPoint(IPAddress.Loopback, 0), Key);
        server.Register<QueueProxy<int>>("get_queue");
        server.Register<DictProxy<string, int>>("get_dict");
        using var stop = new CancellationTokenSource();
        Task serving = server.ServeForeverAsync(stop.Token);
        EndPoint address = server.Address!;
        Assert.NotEqual(0, ((IPEndPoint)address).Port);

        using (BaseManager client = Connected(address, Key))
        using (QueueProxy<int> queue = client.Get<QueueProxy<int>>("get_queue"))
        using (DictProxy<string, int> dict = client.Get<DictProxy<string, int>>("get_dict"))
        using (QueueProxy<int> sameQueue = server.Get<QueueProxy<int>>("get_queue"))
        {
            queue.Put(5);
            Assert.Equal(5, sameQueue.Get(Patience)); // One object per typeid, as Python's callable=lambda: queue.
            dict["x"] = 1;
            Assert.Equal(1, dict["x"]);
            Assert.Equal(2, server.GetObjectCount());
        }

        stop.Cancel();
        await serving.WaitAsync(Patience);
        Assert.Equal(0, server.GetObjectCount());
        server.Dispose();
    }

    [Fact]
    public async Task WrongAuthkey_IsRefused_AndTheServerKeepsServing()
    {
        using var server = new BaseManager(new IPEndPoint(IPAddress.Loopback, 0), Key);
        server.Register<ListProxy<int>>("get_list");
        Task serving = server.ServeForeverAsync();

        var intruder = new BaseManager(server.Address, "wrong"u8.ToArray());
        Assert.Throws<AuthenticationFailedException>(intruder.Connect);
        var asyncIntruder = new BaseManager(server.Address, "wrong"u8.ToArray());
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => asyncIntruder.ConnectAsync());

        using (BaseManager client = Connected(server.Address!, Key))
        using (ListProxy<int> list = client.Get<ListProxy<int>>("get_list"))
        {
            list.Add(1);
            Assert.Equal([1], list.ToList());
        }

        server.Shutdown();
        await serving.WaitAsync(Patience);
    }

    [Fact]
    public async Task RandomBytes_OversizedFrames_AndSilentClients_DoNotStopTheServer()
    {
        using var server = new BaseManager(new IPEndPoint(IPAddress.Loopback, 0), Key);
        server.Register<ListProxy<int>>("get_list");
        Task serving = server.ServeForeverAsync();
        var address = (IPEndPoint)server.Address!;

        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Connect(address); // Says nothing; the server must not wait for it before serving others.

        using (var garbage = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            garbage.Connect(address);
            garbage.Send(Interop.OsRandom.GetBytes(4096));
        }

        using (var huge = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            huge.Connect(address);
            huge.Send([0x7F, 0xFF, 0xFF, 0xFF]); // A 2 GiB frame header where the handshake expects a challenge reply.
        }

        // An authenticated client that sends a frame above the server's limit loses only its own connection.
        using (Connection oversized = Multiprocessing.Client(address, Key))
        {
            try
            {
                oversized.SendBytes(new byte[ManagerServer.MaxFrame + 1]);
            }
            catch (IOException)
            {
                // The server may close the connection before the whole frame is written.
            }

            Assert.Throws<EndOfStreamException>(() => oversized.RecvBytes());
        }

        using (BaseManager client = Connected(address, Key))
        using (ListProxy<int> list = client.Get<ListProxy<int>>("get_list"))
        {
            list.Add(3);
            Assert.Equal([3], list.ToList());
        }

        server.Shutdown();
        await serving.WaitAsync(Patience);
    }

    [Fact]
    public async Task UnixSocketManager_Serves_AndRemovesItsSocketFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"multiproc-test-manager-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        var server = new BaseManager(new UnixDomainSocketEndPoint(path), Key);
        server.Register<EventProxy>("get_event");
        Task serving = server.ServeForeverAsync();
        Assert.True(File.Exists(path));
        using (BaseManager client = Connected(new UnixDomainSocketEndPoint(path), Key))
        using (EventProxy ev = client.Get<EventProxy>("get_event"))
        {
            ev.Set();
            Assert.True(ev.Wait(TimeSpan.Zero));
        }

        server.Dispose();
        await serving.WaitAsync(Patience);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void StartedServer_OnTcp_IsReachedByAnotherClient_AndUnregisteredNamesAreClearErrors()
    {
        using var owner = new BaseManager(new IPEndPoint(IPAddress.Loopback, 0), Key);
        owner.Register<QueueProxy<string>>("get_result_queue");
        owner.Start();
        using (BaseManager client = Connected(owner.Address!, Key, register: false))
        {
            client.Register<QueueProxy<string>>("get_result_queue");
            client.Register<QueueProxy<int>>("get_other");
            using QueueProxy<string> results = client.Get<QueueProxy<string>>("get_result_queue");
            results.Put("hello");
            using QueueProxy<string> mine = owner.Get<QueueProxy<string>>("get_result_queue");
            Assert.Equal("hello", mine.Get(Patience));
            RemoteException e = Assert.Throws<RemoteException>(() => client.Get<QueueProxy<int>>("get_other"));
            Assert.Contains("does not serve 'get_other'", e.Message);
            Assert.Throws<InvalidOperationException>(() => client.Get<QueueProxy<int>>("never_registered"));
        }
    }

    [Fact]
    public void ConnectToNothing_FailsAtOnce()
    {
        var listener = Listener.Tcp();
        EndPoint address = listener.Address;
        listener.Close();
        var manager = new BaseManager(address, Key);
        var started = DateTime.UtcNow;
        Assert.Throws<ManagerUnavailableException>(manager.Connect);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
    }

    private static BaseManager Connected(EndPoint address, byte[] key, bool register = true)
    {
        var manager = new BaseManager(address, key);
        if (register)
        {
            manager.Register<QueueProxy<int>>("get_queue");
            manager.Register<DictProxy<string, int>>("get_dict");
            manager.Register<ListProxy<int>>("get_list");
            manager.Register<EventProxy>("get_event");
        }

        manager.Connect();
        return manager;
    }
}
