using System.Net;

namespace Multiproc.Tests.Targets.Managers;

/// <summary>A custom shared object: the generator emits its manager proxy and dispatcher.</summary>
[SharedInterface]
public interface ICounter
{
    /// <summary>The counter's name (settable through the proxy).</summary>
    string Name { get; set; }

    /// <summary>The current value.</summary>
    int Value { get; }

    /// <summary>Adds <paramref name="by"/> and returns the new value.</summary>
    int Increment(int by);

    /// <summary>Adds asynchronously.</summary>
    Task<int> AddAsync(int by, CancellationToken cancellationToken);

    /// <summary>A child counter, served by the same manager: comes back as a proxy.</summary>
    ICounter Child(string name);

    /// <summary>Throws <see cref="InvalidOperationException"/> with <paramref name="message"/>.</summary>
    void Fail(string message);
}

/// <summary>The served implementation (called from several server threads at once, so it locks).</summary>
public sealed class Counter(string name) : ICounter
{
    private readonly object _gate = new();
    private int _value;

    /// <inheritdoc/>
    public string Name { get; set; } = name;

    /// <inheritdoc/>
    public int Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <inheritdoc/>
    public int Increment(int by)
    {
        lock (_gate)
        {
            return _value += by;
        }
    }

    /// <inheritdoc/>
    public async Task<int> AddAsync(int by, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return Increment(by);
    }

    /// <inheritdoc/>
    public ICounter Child(string name) => new Counter($"{Name}/{name}");

    /// <inheritdoc/>
    public void Fail(string message) => throw new InvalidOperationException(message);
}

/// <summary>A separate program's side: connects to a manager that serves a counter and increments it.</summary>
public static class SharedCounterTargets
{
    /// <summary>The typeid served by a started manager child through <see cref="RegisterFactories"/>.</summary>
    public const string StartedCounter = "started-counter";

    /// <summary>
    /// Registers the counter factory for every manager the calling process serves; the test host runs it before its
    /// guard, as a program would, so that a manager's server child has it.
    /// </summary>
    public static void RegisterFactories() =>
        BaseManager.RegisterFactory<ICounter>(StartedCounter, () => new Counter($"made in {Environment.ProcessId}"));

    /// <summary>Connects to the manager at 127.0.0.1:<paramref name="port"/> and increments "counter" <paramref name="times"/> times.</summary>
    [ProcessTarget]
    public static int ManagerIncrementRemoteCounter(int port, byte[] authkey, int times)
    {
        using var manager = new BaseManager(new IPEndPoint(IPAddress.Loopback, port), authkey);
        manager.RegisterShared<ICounter>("counter");
        manager.Connect();
        ICounter counter = manager.GetShared<ICounter>("counter");
        int last = 0;
        for (int i = 0; i < times; i++)
        {
            last = counter.Increment(1);
        }

        ((IDisposable)counter).Dispose();
        return last;
    }

    /// <summary>
    /// Receives a generated proxy as its argument (the child connects to the manager on its own), increments it
    /// <paramref name="times"/> times and returns the last value. It does not dispose the proxy: ending the process
    /// must release its reference.
    /// </summary>
    [ProcessTarget]
    public static int ManagerIncrementCounterProxy(ICounter counter, int times)
    {
        int last = 0;
        for (int i = 0; i < times; i++)
        {
            last = counter.Increment(1);
        }

        return last;
    }

    /// <summary>Receives a generated proxy, increments it once, reports that it holds it, then waits to be killed.</summary>
    [ProcessTarget]
    public static void ManagerHoldCounterProxy(ICounter counter, Connection report)
    {
        report.Send(counter.Increment(1));
        report.Close();
        Thread.Sleep(Timeout.Infinite);
    }
}
