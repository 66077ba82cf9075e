using System.Diagnostics;

namespace Multiproc;

/// <summary>
/// The lock algorithm shared by <see cref="ProcessLock"/>, <see cref="ProcessRLock"/> and the barrier's
/// internal lock: Drepper's three-state futex mutex ("Futexes Are Tricky", mutex 3) with the owner's pid as
/// the "locked" value, a short spin before sleeping, and dead-owner recovery. A sleeping waiter wakes at
/// least every <see cref="OwnerCheckMilliseconds"/> to check that the owner is alive; if it is not, the
/// waiter takes the lock over and reports <see cref="LockAcquireOutcome.Abandoned"/>.
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
    /// Takes the lock. <paramref name="blocking"/> false is one attempt (plus dead-owner recovery);
    /// otherwise waits until <paramref name="deadline"/> (<see cref="Futex.Infinite"/> for ever).
    /// </summary>
    public static LockAcquireOutcome Acquire(LockState* s, bool blocking, long deadline)
    {
        int me = Environment.ProcessId;
        if (Interlocked.CompareExchange(ref s->Word, me, 0) == 0)
        {
            SetOwner(s);
            return LockAcquireOutcome.Acquired;
        }

        if (!blocking)
        {
            return TryRecover(s, Volatile.Read(ref s->Word)) ? LockAcquireOutcome.Abandoned : LockAcquireOutcome.TimedOut;
        }

        // Spin a little first: the holder on the other CPU usually releases within microseconds.
        if (Environment.ProcessorCount > 1)
        {
            for (int i = 0; i < 64; i++)
            {
                Thread.SpinWait(16);
                if (Volatile.Read(ref s->Word) == 0 && Interlocked.CompareExchange(ref s->Word, me, 0) == 0)
                {
                    SetOwner(s);
                    return LockAcquireOutcome.Acquired;
                }
            }
        }

        while (true)
        {
            int w = Volatile.Read(ref s->Word);
            if (w == 0)
            {
                // Others may be asleep: keep the waiters bit so our release wakes one of them.
                if (Interlocked.CompareExchange(ref s->Word, me | WaitersBit, 0) == 0)
                {
                    SetOwner(s);
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

            long slice = Math.Min(deadline, Futex.DeadlineAfterMilliseconds(OwnerCheckMilliseconds));
            if (!Futex.Wait(&s->Word, w, slice))
            {
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

    /// <summary>Releases the lock, whoever holds it (Python's Lock allows that). False if it was not locked.</summary>
    public static bool Release(LockState* s)
    {
        if (Volatile.Read(ref s->Word) == 0)
        {
            return false;
        }

        s->OwnerThread = 0;
        Volatile.Write(ref s->OwnerStart, 0);
        int w = Interlocked.Exchange(ref s->Word, 0);
        if (w == 0)
        {
            return false;
        }

        if ((w & WaitersBit) != 0)
        {
            Futex.Wake(&s->Word, 1);
        }

        return true;
    }

    /// <summary>True when the lock is held by the calling thread of this process.</summary>
    public static bool IsOwnedByCurrentThread(LockState* s) =>
        (Volatile.Read(ref s->Word) & PidMask) == Environment.ProcessId && s->OwnerThread == Environment.CurrentManagedThreadId;

    /// <summary>The owner's pid, or 0 when free.</summary>
    public static int OwnerPid(LockState* s) => Volatile.Read(ref s->Word) & PidMask;

    /// <summary>Takes the lock over from a dead owner seen in word <paramref name="w"/>.</summary>
    private static bool TryRecover(LockState* s, int w)
    {
        int owner = w & PidMask;
        if (owner == 0)
        {
            return false;
        }

        // Seqlock-style read: the start time must belong to the owner in the word.
        long start = Volatile.Read(ref s->OwnerStart);
        if (Volatile.Read(ref s->Word) != w || ProcessLiveness.IsAlive(owner, start))
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref s->Word, Environment.ProcessId | WaitersBit, w) != w)
        {
            return false;
        }

        SetOwner(s);
        MultiprocLog.AbandonedLockRecovered(owner);
        return true;
    }

    private static void SetOwner(LockState* s)
    {
        s->OwnerThread = Environment.CurrentManagedThreadId;
        Volatile.Write(ref s->OwnerStart, ProcessLiveness.SelfStartTime);
    }
}
