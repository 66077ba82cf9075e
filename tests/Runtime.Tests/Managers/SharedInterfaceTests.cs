using System.Net;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Managers;

namespace Multiproc.Tests.Managers;

/// <summary>Custom shared objects behind generated proxies.</summary>
public sealed class SharedInterfaceTests : ChildProcessTest
{
    private static readonly byte[] Key = "shared-counter"u8.ToArray();

    [Fact]
    public async Task GeneratedProxy_CallsTheServedObject_ReturnsProxiesForSharedResults_AndCarriesTheServerStack()
    {
        var server = new BaseManager(new IPEndPoint(IPAddress.Loopback, 0), Key);
        server.RegisterShared<ICounter>("counter", () => new Counter("root"));
        Task serving = server.ServeForeverAsync();
        try
        {
            using var client = new BaseManager(server.Address, Key);
            client.RegisterShared<ICounter>("counter");
            client.Connect();
            ICounter counter = client.GetShared<ICounter>("counter");
            Assert.IsAssignableFrom<BaseProxy>(counter);
            Assert.Equal(2, counter.Increment(2));
            Assert.Equal(5, await counter.AddAsync(3, CancellationToken.None));
            Assert.Equal(5, counter.Value);
            Assert.Equal("root", counter.Name);
            counter.Name = "renamed";
            Assert.Equal("renamed", counter.Name);

            int before = server.GetObjectCount();
            ICounter child = counter.Child("a");
            Assert.IsAssignableFrom<BaseProxy>(child); // A proxy, not a copy (Python's method_to_typeid).
            Assert.Equal("renamed/a", child.Name);
            child.Increment(7);
            Assert.Equal(7, child.Value);
            Assert.Equal(5, counter.Value);
            Assert.Equal(before + 1, server.GetObjectCount());
            ((IDisposable)child).Dispose();
            Assert.Equal(before, server.GetObjectCount());

            RemoteException e = Assert.Throws<RemoteException>(() => counter.Fail("boom"));
            Assert.Equal("System.InvalidOperationException", e.RemoteTypeName);
            Assert.Equal("boom", e.RemoteMessage);
            Assert.Contains("Counter.Fail", e.RemoteStackTrace);
            ((IDisposable)counter).Dispose();
        }
        finally
        {
            server.Shutdown();
            await serving.WaitAsync(Patience);
        }
    }

    [Fact]
    public async Task GeneratedProxy_FromAnotherProcess_SharesTheOneObject()
    {
        var server = new BaseManager(new IPEndPoint(IPAddress.Loopback, 0), Key);
        var counter = new Counter("shared");
        server.RegisterShared<ICounter>("counter", () => counter);
        Task serving = server.ServeForeverAsync();
        try
        {
            int port = ((IPEndPoint)server.Address!).Port;
            Process<int>[] children = [.. Enumerable.Range(0, 3).Select(_ => Spawn.ManagerIncrementRemoteCounter(port, Key, 20))];
            foreach (Process<int> child in children)
            {
                Assert.True(child.Join(Patience));
                Assert.Equal(0, child.ExitCode);
                child.Close();
            }

            Assert.Equal(60, counter.Value);
        }
        finally
        {
            server.Shutdown();
            await serving.WaitAsync(Patience);
        }
    }

    [Fact]
    public async Task GeneratedProxy_TravelsToChildren_AsAProcessArgument_AndTheirReferencesEndWithThem()
    {
        var server = new BaseManager(new IPEndPoint(IPAddress.Loopback, 0), Key);
        var shared = new Counter("shared");
        server.RegisterShared<ICounter>("counter", () => shared);
        Task serving = server.ServeForeverAsync();
        try
        {
            using var client = new BaseManager(server.Address, Key);
            client.RegisterShared<ICounter>("counter");
            client.Connect();
            ICounter root = client.GetShared<ICounter>("counter");
            int baseline = server.GetObjectCount();

            // The child gets the proxy, connects and authenticates by itself, and its calls reach the parent's object.
            Process<int> incrementer = Spawn.ManagerIncrementCounterProxy(root, 5);
            Assert.True(incrementer.Join(Patience));
            Assert.Equal(0, incrementer.ExitCode);
            Assert.Equal(5, incrementer.GetResult());
            incrementer.Close();
            Assert.Equal(5, shared.Value);
            Assert.Equal(5, root.Value);

            // An object only the child refers to lives while the child lives, and is freed when it exits
            // without disposing its proxy.
            ICounter kid = root.Child("kid");
            Assert.Equal(baseline + 1, server.GetObjectCount());
            Process<int> holder = Spawn.ManagerIncrementCounterProxy(kid, 3);
            ((IDisposable)kid).Dispose(); // Right after the start: the child's transfer reference keeps the object.
            Assert.True(holder.Join(Patience));
            Assert.Equal(3, holder.GetResult());
            holder.Close();
            WaitUntil(() => server.GetObjectCount() == baseline, "the exited child's reference to be released");

            // And when the child holding it is SIGKILLed.
            ICounter doomed = root.Child("doomed");
            (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
            using (reader)
            {
                Process victim = Spawn.ManagerHoldCounterProxy(doomed, writer);
                writer.Close();
                ((IDisposable)doomed).Dispose();
                Assert.Equal(1, reader.Recv<int>());
                Assert.Equal(baseline + 1, server.GetObjectCount());
                victim.Kill();
                Assert.True(victim.Join(Patience));
                victim.Close();
            }

            WaitUntil(() => server.GetObjectCount() == baseline, "the killed child's reference to be released");
            ((IDisposable)root).Dispose();
        }
        finally
        {
            server.Shutdown();
            await serving.WaitAsync(Patience);
        }

        Assert.Equal(0, server.GetObjectCount());
    }

    [Fact]
    public void GeneratedProxy_ALocalObject_CannotBeAProcessArgument()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Spawn.ManagerIncrementCounterProxy(new Counter("local"), 1));
        Assert.Contains("only as a manager's proxy", e.Message);
        Assert.Contains("local Counter", e.Message);
    }

    [Fact]
    public void RegisterShared_WithAFactory_CannotStartAServerProcess()
    {
        using var manager = new BaseManager();
        manager.RegisterShared<ICounter>("counter", () => new Counter("x"));
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(manager.Start);
        Assert.Contains("ServeForever", e.Message);
        Assert.Contains("RegisterFactory", e.Message);
    }

    [Fact]
    public void StartedManager_ServesObjectsOfFactoriesRegisteredInEveryProcess()
    {
        SharedCounterTargets.RegisterFactories(); // What the program runs before its guard (the test host does too).
        using (var manager = new BaseManager())
        {
            manager.RegisterShared<ICounter>(SharedCounterTargets.StartedCounter);
            manager.Start();
            int serverPid = manager.ServerProcess!.Pid!.Value;
            Assert.NotEqual(Environment.ProcessId, serverPid);
            ICounter counter = manager.GetShared<ICounter>(SharedCounterTargets.StartedCounter);
            Assert.Equal($"made in {serverPid}", counter.Name); // Made by the factory, in the server child.
            Assert.Equal(2, counter.Increment(2));

            // A child of this program gets the proxy and shares the one object.
            Process<int> child = Spawn.ManagerIncrementCounterProxy(counter, 3);
            Assert.True(child.Join(Patience));
            Assert.Equal(5, child.GetResult());
            child.Close();
            Assert.Equal(5, counter.Value);
            ((IDisposable)counter).Dispose();
        }
    }

    [Fact]
    public void StartedManager_WithoutAFactoryForADeclaredName_FailsBeforeStartingAChild_NamingIt()
    {
        using var manager = new BaseManager();
        manager.RegisterShared<ICounter>("nobody-registered-this");
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(manager.Start);
        Assert.Contains("'nobody-registered-this'", e.Message);
        Assert.Contains("BaseManager.RegisterFactory", e.Message);
        Assert.Null(manager.ServerProcess);
    }

}
