using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A condition variable shared between processes, mirroring Python's <c>multiprocessing.Condition</c>:
/// waiters release the lock and sleep until notified; <see cref="Notify"/>(n) wakes exactly
/// min(n, waiting) of them, in any processes. Every method except <see cref="Acquire"/> and
/// <see cref="AcquireAsync"/> requires holding the lock: for a <see cref="ProcessRLock"/> (the default) the
/// calling thread must own it; a <see cref="ProcessLock"/> belongs to the process, so any thread of the
/// process that holds it may wait or notify. Passed to a <c>[ProcessTarget]</c> it travels as a handle,
/// its lock with it.
/// </summary>
/// <remarks>
/// The async forms (<see cref="AcquireAsync"/>, <see cref="WaitAsync"/>, <see cref="WaitForAsync"/>) need a
/// condition over a <see cref="ProcessLock"/>: an <c>await</c> may resume on another thread, and a
/// recursive lock belongs to one thread. Create it as <c>new ProcessCondition(new ProcessLock())</c>.
/// </remarks>
[DebuggerDisplay("ProcessCondition")]
public sealed unsafe partial class ProcessCondition : IDisposable, IWireSerializable<ProcessCondition>
{
    private static readonly long StateSize = sizeof(ConditionState);

    private readonly SharedRegion _region;
    private readonly IProcessLock _lock;
    private readonly bool _ownsLock;
    private AsyncWordWatcher? _watcher;

    /// <summary>
    /// Creates a condition over <paramref name="lock"/>, or over a new <see cref="ProcessRLock"/> when null
    /// (Python's <c>Condition(lock=None)</c>). Does not block.
    /// </summary>
    /// <param name="lock">The lock, or null for a new recursive lock owned by the condition.</param>
    public ProcessCondition(IProcessLock? @lock = null)
        : this(SharedRegion.Allocate(SharedObjectKind.Condition, StateSize), @lock ?? new ProcessRLock(), ownsLock: @lock is null)
    {
    }

    private ProcessCondition(SharedRegion region, IProcessLock @lock, bool ownsLock)
    {
        _region = region;
        _lock = @lock;
        _ownsLock = ownsLock;
    }

    /// <summary>The lock the condition uses.</summary>
    public IProcessLock Lock
    {
        get
        {
            _region.EnsureOpen();
            return _lock;
        }
    }

    /// <summary>Waits begun and not yet notified or timed out (diagnostics and tests).</summary>
    internal long WaitingCount => Volatile.Read(ref State->Total) - Volatile.Read(ref State->Wakeup);

    /// <summary>Wake tokens consumed so far (diagnostics and tests).</summary>
    internal long WokenCount => Volatile.Read(ref State->Woken);

    private ConditionState* State => (ConditionState*)_region.State;

    /// <summary>Describes the condition: its lock and the waits in progress, like Python's <c>&lt;Condition(lock, waiters)&gt;</c>.</summary>
    /// <returns>For example <c>&lt;ProcessCondition(&lt;ProcessLock(owner=None) mp_…&gt;, waiting=0) mp_…&gt;</c>.</returns>
    public override string ToString() => _region.Describe(nameof(ProcessCondition), () => $"{_lock}, waiting={WaitingCount}");

    /// <summary>Acquires the underlying lock (Python's <c>acquire()</c>); blocks as the lock does.</summary>
    /// <param name="blocking">False to try once without waiting.</param>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <returns>True when acquired.</returns>
    /// <exception cref="AbandonedLockException">Acquired, but the previous owner died holding it.</exception>
    public bool Acquire(bool blocking = true, TimeSpan? timeout = null) => _lock.Acquire(blocking, timeout);

    /// <summary>
    /// Acquires the underlying <see cref="ProcessLock"/> asynchronously (no Python equivalent); holds no
    /// thread while waiting. See <see cref="ProcessLock.AcquireAsync"/>.
    /// </summary>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when acquired, false on timeout.</returns>
    /// <exception cref="InvalidOperationException">The condition's lock is a <see cref="ProcessRLock"/>, which cannot be held across <c>await</c>.</exception>
    /// <exception cref="AbandonedLockException">Acquired, but the previous owner died holding it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AsyncLock("acquire").AcquireAsync(timeout, cancellationToken);

    /// <summary>Releases the underlying lock (Python's <c>release()</c>). Does not block.</summary>
    public void Release() => _lock.Release();

    /// <summary>Acquires the lock and returns a scope that releases it: Python's <c>with cond:</c>.</summary>
    /// <returns>The scope.</returns>
    public ProcessLockScope Hold()
    {
        _lock.Acquire();
        return new ProcessLockScope(_lock);
    }

    /// <summary>
    /// Releases the lock, blocks until notified or <paramref name="timeout"/> passes, and re-acquires the
    /// lock before returning (Python's <c>wait(timeout=None)</c>). Requires holding the lock.
    /// </summary>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <returns>True when notified, false on timeout.</returns>
    /// <exception cref="InvalidOperationException">The calling thread does not hold the lock.</exception>
    /// <exception cref="AbandonedLockException">Re-acquiring found the lock abandoned by a dead process (it is held now).</exception>
    public bool Wait(TimeSpan? timeout = null)
    {
        long deadline = Futex.DeadlineFrom(timeout);
        CheckOwned("wait");
        ConditionState* s = (ConditionState*)_region.Enter();
        try
        {
            return WaitCore(s, deadline);
        }
        finally
        {
            _region.Exit();
        }
    }

    private bool WaitCore(ConditionState* s, long deadline)
    {
        long ticket = BeginWait();
        int levels = _lock.ReleaseAll();
        bool notified = false;
        try
        {
            while (true)
            {
                int seq = Volatile.Read(ref s->Seq);
                if (TryConsume(s, ticket))
                {
                    notified = true;
                    break;
                }

                if (!Futex.Wait(&s->Seq, seq, deadline))
                {
                    break;
                }
            }
        }
        finally
        {
            try
            {
                _lock.Restore(levels);
            }
            finally
            {
                // Under the lock again (also when it came back abandoned).
                notified = notified || EndWait(ticket);
            }
        }

        return notified;
    }

    /// <summary>
    /// Waits until <paramref name="predicate"/> is true (Python's <c>wait_for(predicate, timeout=None)</c>),
    /// evaluating it under the lock. Requires holding the lock; blocks.
    /// </summary>
    /// <param name="predicate">The condition to wait for.</param>
    /// <param name="timeout">The longest total wait; null waits for ever.</param>
    /// <returns>The last value of the predicate (false only on timeout).</returns>
    /// <exception cref="InvalidOperationException">The calling thread does not hold the lock.</exception>
    public bool WaitFor(Func<bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        long deadline = Futex.DeadlineFrom(timeout);
        CheckOwned("wait_for");
        bool result = predicate();
        while (!result)
        {
            TimeSpan? remaining = Futex.Remaining(deadline);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            Wait(remaining);
            result = predicate();
        }

        return result;
    }

    /// <summary>
    /// Wakes up to <paramref name="count"/> waiting processes or threads (Python's <c>notify(n=1)</c>).
    /// Requires holding the lock; does not block.
    /// </summary>
    /// <param name="count">How many waiters to wake; at least 1.</param>
    /// <exception cref="InvalidOperationException">The calling thread does not hold the lock.</exception>
    public void Notify(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        CheckOwned("notify");
        NotifyCore(count);
    }

    /// <summary>Wakes every waiter (Python's <c>notify_all()</c>). Requires holding the lock; does not block.</summary>
    /// <exception cref="InvalidOperationException">The calling thread does not hold the lock.</exception>
    public void NotifyAll()
    {
        CheckOwned("notify_all");
        NotifyCore(int.MaxValue);
    }

    /// <summary>Unmaps the condition (and a lock it created) from this process; the creator also unlinks the segments.</summary>
    public void Dispose()
    {
        _region.Dispose();
        if (_ownsLock)
        {
            _lock.Dispose();
        }
    }

    /// <summary>Writes the condition's handle and its lock's.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The condition.</param>
    public static void Write(ref WireWriter writer, ProcessCondition value)
    {
        if (!SharedRegion.WritePresence(ref writer, value))
        {
            return;
        }

        value._region.Write(ref writer, SharedObjectKind.Condition);
        writer.WriteInt32(value._lock is ProcessLock ? (int)SharedObjectKind.Lock : (int)SharedObjectKind.RLock);
        value._lock.WriteHandle(ref writer);
    }

    /// <summary>Re-attaches to the condition (and its lock) described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same condition.</returns>
    public static ProcessCondition Read(ref WireReader reader)
    {
        if (!reader.ReadPresence())
        {
            return null!;
        }

        SharedRegion region = SharedRegion.Read(ref reader, SharedObjectKind.Condition, StateSize, nameof(ProcessCondition));
        int kind = reader.ReadInt32();
        IProcessLock @lock = kind switch
        {
            (int)SharedObjectKind.Lock => ProcessLock.FromRegion(SharedRegion.Read(ref reader, SharedObjectKind.Lock, sizeof(LockState), nameof(ProcessLock))),
            (int)SharedObjectKind.RLock => ProcessRLock.FromRegion(SharedRegion.Read(ref reader, SharedObjectKind.RLock, ProcessRLock.StateSize, nameof(ProcessRLock))),
            _ => throw ThrowHelper.CreateInvalidLockKindXProcessConditionHandle(kind),
        };
        return new ProcessCondition(region, @lock, ownsLock: true);
    }

    private void CheckOwned(string operation)
    {
        if (!_lock.IsHeldByCaller)
        {
            string holder = _lock is ProcessLock ? "this process" : "the calling thread";
            ThrowHelper.ThrowCannotProcessConditionWhoseLockDoesNot(operation, holder, operation);
        }
    }

    private ProcessLock AsyncLock(string operation)
    {
        _region.EnsureOpen();
        return _lock as ProcessLock ?? throw ThrowHelper.CreateCannotAsynchronouslyProcessConditionOverProcessRLockRecursive(operation);
    }

    /// <summary>The sequence word's value now.</summary>
    private int ReadSeq() => Volatile.Read(ref State->Seq);

    /// <summary>Consumes a wake token for the wait with <paramref name="ticket"/>, if one is due.</summary>
    private bool TryConsume(long ticket) => TryConsume(State, ticket);

    /// <summary>Registers a wait (under the lock) and returns its ticket: the wake tokens issued before it began.</summary>
    private long BeginWait()
    {
        ConditionState* s = State;
        long ticket = Volatile.Read(ref s->Wakeup);
        Interlocked.Increment(ref s->Total);
        return ticket;
    }

    /// <summary>Ends a wait that was not yet notified, under the lock again: takes a late token, or withdraws.</summary>
    private bool EndWait(long ticket)
    {
        ConditionState* s = State;
        if (TryConsume(s, ticket))
        {
            return true;
        }

        Withdraw(s);
        return false;
    }

    private AsyncWordWatcher CreateWatcher() => new(_region, (int)((byte*)&State->Seq - (byte*)State), "Multiproc ProcessCondition async waiters");

    private void NotifyCore(int count)
    {
        ConditionState* s = State;
        long waiting = Volatile.Read(ref s->Total) - Volatile.Read(ref s->Wakeup);
        if (waiting <= 0)
        {
            return;
        }

        long tokens = Math.Min(count, waiting);
        bool pending = Volatile.Read(ref s->Wakeup) > Volatile.Read(ref s->Woken);
        Interlocked.Add(ref s->Wakeup, tokens);
        Interlocked.Increment(ref s->Seq);

        // With tokens still pending from an earlier notify, some sleepers may not be entitled to the new
        // ones, so wake everyone and let each check; otherwise every sleeper is entitled and waking exactly
        // `tokens` suffices.
        if (pending)
        {
            Futex.WakeAll(&s->Seq);
        }
        else
        {
            Futex.Wake(&s->Seq, (int)Math.Min(tokens, int.MaxValue));
        }
    }

    /// <summary>Consumes a wake token, if one was issued after this waiter began (its <paramref name="ticket"/>).</summary>
    private static bool TryConsume(ConditionState* s, long ticket)
    {
        while (true)
        {
            long woken = Volatile.Read(ref s->Woken);
            long wakeup = Volatile.Read(ref s->Wakeup);
            if (wakeup == ticket || woken >= wakeup)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref s->Woken, woken + 1, woken) == woken)
            {
                return true;
            }
        }
    }

    /// <summary>A timed-out waiter (holding the lock) stops counting as waiting: one virtual token, issued and consumed.</summary>
    private static void Withdraw(ConditionState* s)
    {
        // Woken first, so that no one sees a phantom token in between; then, if real tokens are pending,
        // wake everyone so that none is stranded by a sleeper that looked during the gap.
        Interlocked.Increment(ref s->Woken);
        Interlocked.Increment(ref s->Wakeup);
        if (Volatile.Read(ref s->Wakeup) > Volatile.Read(ref s->Woken))
        {
            Interlocked.Increment(ref s->Seq);
            Futex.WakeAll(&s->Seq);
        }
    }
}
