using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A recursive lock shared between processes, mirroring Python's <c>multiprocessing.RLock</c>: the owner
/// (a thread of a process) may acquire it again; it is free once released as many times. Only the owner
/// may release it. If the owner process dies holding it, the next acquirer gets it with an
/// <see cref="AbandonedLockException"/>. Passed to a <c>[ProcessTarget]</c> it travels as a handle.
/// </summary>
/// <remarks>Thread-affine, so there is no async acquire: an <c>await</c> may resume on another thread.</remarks>
[DebuggerDisplay("ProcessRLock (owner pid {OwnerPid}, count {RecursionCount})")]
public sealed unsafe class ProcessRLock : IProcessLock, IWireSerializable<ProcessRLock>
{
    internal static readonly long StateSize = sizeof(RLockState);

    private readonly SharedRegion _region;

    /// <summary>Creates an unlocked recursive lock in a new shared memory segment (Python's <c>RLock()</c>). Does not block.</summary>
    public ProcessRLock()
        : this(SharedRegion.Allocate(SharedObjectKind.RLock, StateSize))
    {
    }

    private ProcessRLock(SharedRegion region) => _region = region;

    /// <summary>The pid of the owning process, or 0.</summary>
    public int OwnerPid => LockCore.OwnerPid(&State->Lock);

    /// <summary>How many times the owner has acquired it (0 when free).</summary>
    public int RecursionCount => OwnerPid == 0 ? 0 : Volatile.Read(ref State->Count);

    /// <summary>True when the calling thread of this process owns the lock.</summary>
    public bool IsOwnedByCurrentThread => LockCore.IsOwnedByCurrentThread(&State->Lock);

    /// <summary>Describes the lock: owner pid (or None), recursion count and segment, like Python's <c>&lt;RLock(owner, count)&gt;</c>.</summary>
    /// <returns>For example <c>&lt;ProcessRLock(owner=pid 42, count=2) mp_…&gt;</c>.</returns>
    public override string ToString() => _region.Describe(nameof(ProcessRLock), () => $"owner={ProcessLock.Owner(OwnerPid)}, count={RecursionCount}");

    private RLockState* State => (RLockState*)_region.State;

    /// <summary>
    /// Acquires the lock, or one more level if the calling thread owns it (Python's
    /// <c>acquire(block=True, timeout=None)</c>). Blocks up to <paramref name="timeout"/> unless
    /// <paramref name="blocking"/> is false.
    /// </summary>
    /// <param name="blocking">False to try once without waiting.</param>
    /// <param name="timeout">The longest wait; null waits for ever. Not allowed with <paramref name="blocking"/> false.</param>
    /// <returns>True when acquired; false on timeout or when a non-blocking attempt failed.</returns>
    /// <exception cref="AbandonedLockException">Acquired (count 1), but the previous owner died holding it.</exception>
    public bool Acquire(bool blocking = true, TimeSpan? timeout = null)
    {
        long deadline = ProcessLock.CheckTimeout(blocking, timeout);
        RLockState* s = (RLockState*)_region.Enter();
        try
        {
            if (LockCore.IsOwnedByCurrentThread(&s->Lock))
            {
                s->Count++;
                return true;
            }

            switch (LockCore.Acquire(&s->Lock, blocking, deadline))
            {
                case LockAcquireOutcome.Acquired:
                    s->Count = 1;
                    return true;
                case LockAcquireOutcome.Abandoned:
                    s->Count = 1;
                    throw new AbandonedLockException();
                default:
                    return false;
            }
        }
        finally
        {
            _region.Exit();
        }
    }

    /// <summary>Releases one level (Python's <c>release()</c>); the lock is free after the last. Does not block.</summary>
    /// <exception cref="InvalidOperationException">The calling thread does not own the lock.</exception>
    public void Release()
    {
        RLockState* s = State;
        if (!LockCore.IsOwnedByCurrentThread(&s->Lock))
        {
            ThrowHelper.ThrowCannotReleaseProcessRLockCallingThreadDoes();
        }

        if (--s->Count == 0)
        {
            LockCore.Release(&s->Lock);
        }
    }

    /// <summary>Acquires the lock (blocking) and returns a scope that releases one level: Python's <c>with rlock:</c>.</summary>
    /// <returns>The scope.</returns>
    /// <exception cref="AbandonedLockException">Acquired, but the previous owner died holding it.</exception>
    public ProcessLockScope Hold()
    {
        Acquire();
        return new ProcessLockScope(this);
    }

    bool IProcessLock.IsHeldByCaller => IsOwnedByCurrentThread;

    int IProcessLock.ReleaseAll()
    {
        RLockState* s = State;
        int count = s->Count;
        s->Count = 0;
        LockCore.Release(&s->Lock);
        return count;
    }

    void IProcessLock.Restore(int count)
    {
        RLockState* s = (RLockState*)_region.Enter();
        LockAcquireOutcome outcome;
        try
        {
            outcome = LockCore.Acquire(&s->Lock, blocking: true, Futex.Infinite);
            s->Count = count;
        }
        finally
        {
            _region.Exit();
        }

        if (outcome == LockAcquireOutcome.Abandoned)
        {
            throw new AbandonedLockException();
        }
    }

    void IProcessLock.WriteHandle(ref WireWriter writer) => _region.Write(ref writer, SharedObjectKind.RLock);

    /// <summary>Unmaps the lock from this process; the creator also unlinks its segment. Does not release it.</summary>
    public void Dispose() => _region.Dispose();

    /// <summary>Writes the lock's handle (segment name and offset).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The lock.</param>
    public static void Write(ref WireWriter writer, ProcessRLock value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value._region.Write(ref writer, SharedObjectKind.RLock);
        }
    }

    /// <summary>Re-attaches to the lock described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same lock.</returns>
    public static ProcessRLock Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SharedRegion.Read(ref reader, SharedObjectKind.RLock, StateSize, nameof(ProcessRLock)));

    internal static ProcessRLock FromRegion(SharedRegion region) => new(region);

    /// <summary>Test hook: makes <paramref name="pid"/> (started at <paramref name="startTime"/>) the holder.</summary>
    internal void ForceOwner(int pid, long startTime)
    {
        State->Count = 1;
        LockCore.ForceOwner(&State->Lock, pid, startTime);
    }
}
