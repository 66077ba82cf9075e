using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A non-recursive lock shared between processes, mirroring Python's <c>multiprocessing.Lock</c>. Any
/// thread of any process may release it, also one that did not acquire it. Built on a futex word in shared
/// memory holding the owner's pid: if the owner process dies while holding it, the next acquirer takes it
/// over and gets an <see cref="AbandonedLockException"/> (CPython deadlocks). Passed to a
/// <c>[ProcessTarget]</c> it travels as a handle; the child maps the same lock.
/// </summary>
/// <remarks>Named <c>ProcessLock</c> so it does not collide with <see cref="System.Threading.Lock"/>.</remarks>
[DebuggerDisplay("ProcessLock (owner pid {OwnerPid})")]
public sealed unsafe class ProcessLock : IProcessLock, IWireSerializable<ProcessLock>
{
    private static readonly long StateSize = sizeof(LockState);

    private readonly SharedRegion _region;
    private AsyncWaitPump? _pump;

    /// <summary>Creates an unlocked lock in a new shared memory segment (Python's <c>Lock()</c>). Does not block.</summary>
    public ProcessLock()
        : this(SharedRegion.Allocate(SharedObjectKind.Lock, StateSize))
    {
    }

    private ProcessLock(SharedRegion region) => _region = region;

    /// <summary>True while some thread of some process holds the lock.</summary>
    public bool IsLocked => LockCore.OwnerPid(State) != 0;

    /// <summary>The pid of the process that holds the lock, or 0.</summary>
    public int OwnerPid => LockCore.OwnerPid(State);

    private LockState* State => (LockState*)_region.State;

    /// <summary>Describes the lock: its owner's pid (or None) and its segment, like Python's <c>&lt;Lock(owner=…)&gt;</c>.</summary>
    /// <returns>For example <c>&lt;ProcessLock(owner=None) mp_…&gt;</c>.</returns>
    public override string ToString() => _region.Describe(nameof(ProcessLock), () => $"owner={Owner(OwnerPid)}");

    /// <summary>A lock owner as Python prints it: None, or the pid.</summary>
    internal static string Owner(int pid) => pid == 0 ? "None" : $"pid {pid}";

    /// <summary>
    /// Acquires the lock (Python's <c>acquire(block=True, timeout=None)</c>). Blocks up to
    /// <paramref name="timeout"/> unless <paramref name="blocking"/> is false.
    /// </summary>
    /// <param name="blocking">False to try once without waiting.</param>
    /// <param name="timeout">The longest wait; null waits for ever. Not allowed with <paramref name="blocking"/> false.</param>
    /// <returns>True when acquired; false on timeout or when a non-blocking attempt failed.</returns>
    /// <exception cref="AbandonedLockException">Acquired, but the previous owner died holding it.</exception>
    /// <exception cref="ArgumentException">A timeout with <paramref name="blocking"/> false.</exception>
    public bool Acquire(bool blocking = true, TimeSpan? timeout = null)
    {
        long deadline = CheckTimeout(blocking, timeout);
        LockAcquireOutcome outcome = AcquireCore(blocking, deadline);
        return outcome switch
        {
            LockAcquireOutcome.Acquired => true,
            LockAcquireOutcome.Abandoned => throw new AbandonedLockException(),
            _ => false,
        };
    }

    /// <summary>
    /// Acquires the lock asynchronously (no Python equivalent). Does not block the calling thread nor hold
    /// a thread-pool thread while waiting: one background thread per lock serves all its async waiters.
    /// The lock belongs to the process, not to a thread, so any thread may release it afterwards.
    /// </summary>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when acquired, false on timeout.</returns>
    /// <exception cref="AbandonedLockException">Acquired, but the previous owner died holding it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Futex.DeadlineFrom(timeout);
        switch (LockCore.Acquire(State, blocking: false, 0))
        {
            case LockAcquireOutcome.Acquired:
                return Task.FromResult(true);
            case LockAcquireOutcome.Abandoned:
                return Task.FromException<bool>(new AbandonedLockException());
        }

        AsyncWaitPump pump = _pump ?? Interlocked.CompareExchange(ref _pump, CreatePump(), null) ?? _pump!;
        return pump.Enqueue(timeout, cancellationToken);
    }

    /// <summary>
    /// Releases the lock (Python's <c>release()</c>), from any thread of any process. Does not block.
    /// </summary>
    /// <exception cref="InvalidOperationException">The lock is not locked.</exception>
    public void Release()
    {
        if (!LockCore.Release(State))
        {
            ThrowHelper.ThrowCannotReleaseUnlockedProcessLockValueErrorSemaphore();
        }
    }

    /// <summary>Acquires the lock (blocking) and returns a scope that releases it: <c>using (l.Hold()) { … }</c>, Python's <c>with lock:</c>.</summary>
    /// <returns>The scope.</returns>
    /// <exception cref="AbandonedLockException">Acquired, but the previous owner died holding it (the scope is not returned; release explicitly).</exception>
    public ProcessLockScope Hold()
    {
        Acquire();
        return new ProcessLockScope(this);
    }

    bool IProcessLock.IsHeldByCaller => LockCore.OwnerPid(State) == Environment.ProcessId;

    int IProcessLock.ReleaseAll()
    {
        Release();
        return 1;
    }

    void IProcessLock.Restore(int count) => Acquire();

    void IProcessLock.WriteHandle(ref WireWriter writer) => _region.Write(ref writer, SharedObjectKind.Lock);

    /// <summary>Unmaps the lock from this process; the creator also unlinks its segment. Does not release it.</summary>
    public void Dispose() => _region.Dispose();

    /// <summary>Writes the lock's handle (segment name and offset).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The lock.</param>
    public static void Write(ref WireWriter writer, ProcessLock value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value._region.Write(ref writer, SharedObjectKind.Lock);
        }
    }

    /// <summary>Re-attaches to the lock described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same lock.</returns>
    public static ProcessLock Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SharedRegion.Read(ref reader, SharedObjectKind.Lock, StateSize, nameof(ProcessLock)));

    internal static ProcessLock FromRegion(SharedRegion region) => new(region);

    /// <summary>Test hook: makes <paramref name="pid"/> (started at <paramref name="startTime"/>) the holder.</summary>
    internal void ForceOwner(int pid, long startTime)
    {
        LockCore.ForceOwner(State, pid, startTime);
    }

    internal static long CheckTimeout(bool blocking, TimeSpan? timeout)
    {
        if (!blocking && timeout is not null)
        {
            ThrowHelper.ThrowTimeoutCannotCombinedBlockingFalse(nameof(timeout));
        }

        return Futex.DeadlineFrom(timeout);
    }

    /// <summary>Takes the lock; the mapping stays while this waits, even if the lock is disposed meanwhile.</summary>
    private LockAcquireOutcome AcquireCore(bool blocking, long deadline)
    {
        LockState* s = (LockState*)_region.Enter();
        try
        {
            return LockCore.Acquire(s, blocking, deadline);
        }
        finally
        {
            _region.Exit();
        }
    }

    private AsyncWaitPump CreatePump() => new(
        deadline => AcquireCore(blocking: true, deadline),
        () => LockCore.Release(State),
        static () => new AbandonedLockException(),
        "Multiproc ProcessLock async waiters");
}
