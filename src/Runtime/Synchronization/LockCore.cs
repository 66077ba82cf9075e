using System.Diagnostics;

namespace Multiproc;

/// <summary>
/// The one lock algorithm of the runtime, shared by <see cref="ProcessLock"/>, <see cref="ProcessRLock"/>, the
/// barrier's internal lock and the queues' producer and consumer locks: Drepper's three-state futex mutex
/// ("Futexes Are Tricky", mutex 3) whose "locked" value names the owner (pid and start time, see
/// <see cref="LockState"/>), a spin before sleeping (<see cref="AdaptiveSpin"/>), and dead-owner recovery. A sleeping waiter wakes after
/// <see cref="FirstOwnerCheckMilliseconds"/>, then at least every <see cref="OwnerCheckMilliseconds"/>, to check that
/// the owner is alive; if it is not (its pid is
/// gone, a zombie, or now belongs to a process with another start time), the waiter takes the lock over and
/// reports <see cref="LockAcquireOutcome.Abandoned"/>.
/// </summary>
internal static unsafe class LockCore
{
    /// <summary>Set in the word when a waiter may be sleeping, so that release must wake one.</summary>
    public const int WaitersBit = 0x4000_0000;

    /// <summary>The pid bits of the word (Linux pids are below 2^22).</summary>
    public const int PidMask = 0x3FFF_FFFF;

    /// <summary>How often a sleeping waiter checks whether the owner died.</summary>
    public const int OwnerCheckMilliseconds = 100;

    /// <summary>
    /// When a waiter first checks the owner: soon, so that a lock left by a killed process is taken over within
    /// milliseconds, yet late enough that a lock handed over normally never costs a <c>/proc</c> read.
    /// </summary>
    public const int FirstOwnerCheckMilliseconds = 10;

    /// <summary>This process as an owner: its pid in the low half, its start-time tag in the high half.</summary>
    private static long s_self;

    /// <summary>
    /// Takes the lock. <paramref name="blocking"/> false is one attempt (plus dead-owner recovery);
    /// otherwise waits until <paramref name="deadline"/> (<see cref="Futex.Infinite"/> for ever).
    /// </summary>
    public static LockAcquireOutcome Acquire(LockState* s, bool blocking, long deadline)
    {
        if (TryAcquire(s))
        {
            return LockAcquireOutcome.Acquired;
        }

        if (!blocking)
        {
            return TryRecover(s, Volatile.Read(ref s->Word)) ? LockAcquireOutcome.Abandoned : LockAcquireOutcome.TimedOut;
        }

        // Spin first (the full budget: a primitive keeps no spin state): the holder on the other CPU usually
        // releases within microseconds.
        AdaptiveSpin spin = default;
        return AcquireAdaptive(s, deadline, ref spin);
    }

    /// <summary>
    /// Takes the lock after the caller's <see cref="TryAcquire"/> failed: spins for the budget of
    /// <paramref name="spin"/> (a queue keeps one per lock, which adapts to its short critical sections), then sleeps
    /// until <paramref name="deadline"/>.
    /// </summary>
    public static LockAcquireOutcome AcquireAdaptive(LockState* s, long deadline, ref AdaptiveSpin spin)
    {
        long budget = Futex.Expired(deadline) ? 0 : spin.NextBudget();
        if (budget > 0)
        {
            long start = Stopwatch.GetTimestamp();
            do
            {
                AdaptiveSpin.Pause();
                if (Volatile.Read(ref s->Word) == 0 && TryAcquire(s))
                {
                    spin.Succeeded();
                    return LockAcquireOutcome.Acquired;
                }
            }
            while (Stopwatch.GetTimestamp() - start < budget);
            spin.Failed(budget);
        }

        return AcquireSleeping(s, deadline);
    }

    /// <summary>One attempt at a free lock: a single compare-and-swap that also records the owner.</summary>
    public static bool TryAcquire(LockState* s)
    {
        if (Interlocked.CompareExchange(ref s->Word, Self, 0) == 0)
        {
            s->OwnerThread = Environment.CurrentManagedThreadId;
            return true;
        }

        return false;
    }

    /// <summary>Releases the lock, whoever holds it (Python's Lock allows that). False if it was not locked.</summary>
    public static bool Release(LockState* s)
    {
        if (Volatile.Read(ref s->Word) == 0)
        {
            return false;
        }

        s->OwnerThread = 0;
        long w = Interlocked.Exchange(ref s->Word, 0);
        if (w == 0)
        {
            return false;
        }

        if ((w & WaitersBit) != 0)
        {
            Futex.Wake(FutexWord(s), 1);
        }

        return true;
    }

    /// <summary>True when the lock is held by the calling thread of this process.</summary>
    public static bool IsOwnedByCurrentThread(LockState* s) =>
        OwnerPid(s) == Environment.ProcessId && s->OwnerThread == Environment.CurrentManagedThreadId;

    /// <summary>The owner's pid, or 0 when free.</summary>
    public static int OwnerPid(LockState* s) => (int)(Volatile.Read(ref s->Word) & PidMask);

    /// <summary>Test hook: makes <paramref name="pid"/> (started at <paramref name="startTime"/>, 0 = unknown) the holder.</summary>
    public static void ForceOwner(LockState* s, int pid, long startTime) =>
        Volatile.Write(ref s->Word, (uint)pid | ((long)StartTag(startTime) << 32));

    /// <summary>The part of a start time the lock word keeps (its low 32 bits; clock ticks since boot).</summary>
    public static uint StartTag(long startTime) => (uint)startTime;

    private static long Self
    {
        get
        {
            long self = Volatile.Read(ref s_self);
            if (self == 0)
            {
                self = (uint)Environment.ProcessId | ((long)StartTag(ProcessLiveness.SelfStartTime) << 32);
                Volatile.Write(ref s_self, self);
            }

            return self;
        }
    }

    /// <summary>The futex: the low half of the word (the pid and the waiters bit; x64 and Arm64 are little-endian).</summary>
    private static int* FutexWord(LockState* s) => (int*)&s->Word;

    private static LockAcquireOutcome AcquireSleeping(LockState* s, long deadline)
    {
        long self = Self;
        int check = FirstOwnerCheckMilliseconds;
        while (true)
        {
            long w = Volatile.Read(ref s->Word);
            if (w == 0)
            {
                // Others may be asleep: keep the waiters bit so our release wakes one of them.
                if (Interlocked.CompareExchange(ref s->Word, self | WaitersBit, 0) == 0)
                {
                    s->OwnerThread = Environment.CurrentManagedThreadId;
                    return LockAcquireOutcome.Acquired;
                }

                continue;
            }

            if ((w & WaitersBit) == 0)
            {
                if (Interlocked.CompareExchange(ref s->Word, w | WaitersBit, w) != w)
                {
                    continue;
                }

                w |= WaitersBit;
            }

            long slice = Math.Min(deadline, Futex.DeadlineAfterMilliseconds(check));
            if (!Futex.Wait(FutexWord(s), (int)w, slice))
            {
                check = OwnerCheckMilliseconds;
                if (TryRecover(s, w))
                {
                    return LockAcquireOutcome.Abandoned;
                }

                if (Futex.Expired(deadline))
                {
                    return LockAcquireOutcome.TimedOut;
                }
            }
        }
    }

    /// <summary>Takes the lock over from a dead owner named by word <paramref name="w"/>.</summary>
    private static bool TryRecover(LockState* s, long w)
    {
        int owner = (int)(w & PidMask);
        if (owner == 0 || ProcessLiveness.IsAliveWithStartTag(owner, (uint)(w >> 32)))
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref s->Word, Self | WaitersBit, w) != w)
        {
            return false;
        }

        s->OwnerThread = Environment.CurrentManagedThreadId;
        MultiprocLog.AbandonedLockRecovered(owner);
        return true;
    }
}
