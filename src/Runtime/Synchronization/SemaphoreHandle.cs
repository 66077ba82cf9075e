using Multiproc.Serialization;

namespace Multiproc;

/// <summary>One process's mapping of a semaphore and its async pump; the public semaphore types wrap it.</summary>
internal sealed unsafe class SemaphoreHandle
{
    public static readonly long StateSize = sizeof(SemaphoreState);

    private readonly SharedRegion _region;
    private readonly SharedObjectKind _kind;
    private AsyncWaitPump? _pump;

    private SemaphoreHandle(SharedRegion region, SharedObjectKind kind)
    {
        _region = region;
        _kind = kind;
    }

    public int Value => Volatile.Read(ref State->Count);

    private SemaphoreState* State => (SemaphoreState*)_region.State;

    /// <summary>Describes the semaphore like Python's <c>&lt;Semaphore(value=…)&gt;</c> (a bounded one also shows its bound).</summary>
    public string Describe(string typeName) => _region.Describe(typeName, () =>
        State->MaxValue == 0 ? $"value={Value}" : $"value={Value}, maxvalue={Math.Max(State->MaxValue, 0)}");

    public static SemaphoreHandle Create(SharedObjectKind kind, int value, bool bounded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        SemaphoreHandle handle = new(SharedRegion.Allocate(kind, StateSize), kind);
        SemaphoreCore.Initialize(handle.State, value, bounded ? Math.Max(value, 0) : 0);
        if (bounded && value == 0)
        {
            handle.State->MaxValue = -1;
        }

        return handle;
    }

    public static SemaphoreHandle Read(ref WireReader reader, SharedObjectKind kind, string typeName) =>
        new(SharedRegion.Read(ref reader, kind, StateSize, typeName), kind);

    public void Write(ref WireWriter writer) => _region.Write(ref writer, _kind);

    public bool Acquire(bool blocking, TimeSpan? timeout) => AcquireCore(blocking, ProcessLock.CheckTimeout(blocking, timeout));

    public Task<bool> AcquireAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        Futex.DeadlineFrom(timeout);
        if (SemaphoreCore.Acquire(State, blocking: false, 0))
        {
            return Task.FromResult(true);
        }

        AsyncWaitPump pump = _pump ?? Interlocked.CompareExchange(ref _pump, CreatePump(), null) ?? _pump!;
        return pump.Enqueue(timeout, cancellationToken);
    }

    public void Release(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        SemaphoreCore.Release(State, count);
    }

    public void Dispose() => _region.Dispose();

    /// <summary>Takes a unit; the mapping stays while this waits, even if the semaphore is disposed meanwhile.</summary>
    private bool AcquireCore(bool blocking, long deadline)
    {
        SemaphoreState* s = (SemaphoreState*)_region.Enter();
        try
        {
            return SemaphoreCore.Acquire(s, blocking, deadline);
        }
        finally
        {
            _region.Exit();
        }
    }

    private AsyncWaitPump CreatePump() => new(
        deadline => AcquireCore(blocking: true, deadline) ? LockAcquireOutcome.Acquired : LockAcquireOutcome.TimedOut,
        () => SemaphoreCore.Release(State, 1),
        null,
        "Multiproc semaphore async waiters");
}
