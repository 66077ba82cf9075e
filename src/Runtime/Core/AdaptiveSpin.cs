using System.Diagnostics;

namespace Multiproc;

/// <summary>
/// The runtime's one spin-then-sleep policy: how long a waiter spins (checking its condition between short CPU
/// pauses) before it sleeps on a futex. A handle that waits often keeps one per kind of wait and it adapts: a spin that ends with the
/// condition met doubles the budget (up to ~20 µs), one that ends in sleep halves it (down to nothing).
/// Bench notes (2 vCPUs): a futex wake-up on the other CPU costs ~60 µs against ~0.3 µs for a spinning
/// peer, but spinning while the peer shares our CPU only delays it, so the budget must be able to fall to 0.
/// With one CPU there is no spinning at all. A fresh value (or <see cref="SpinThenSleep"/>, for callers that keep no
/// state) spins for the full budget. Used by the queue rings (data, space, lock), <see cref="LockCore"/> (every lock),
/// semaphores and events.
/// </summary>
internal unsafe struct AdaptiveSpin
{
    private static readonly long s_maxTicks = Environment.ProcessorCount > 1 ? Stopwatch.Frequency / 50_000 : 0;
    private static readonly long s_minTicks = Stopwatch.Frequency / 4_000_000;

    /// <summary>The current budget in <see cref="Stopwatch"/> ticks; 0 = not set yet (maximum), -1 = spinning stopped.</summary>
    private long _budget;

    /// <summary>Counts waits while spinning is stopped, so that one in 16 probes whether spinning pays again.</summary>
    private int _probe;

    /// <summary>The budget for the next wait, in <see cref="Stopwatch"/> ticks (0 = sleep at once).</summary>
    public long NextBudget()
    {
        if (_budget < 0)
        {
            return (++_probe & 15) == 0 ? s_minTicks * 4 : 0;
        }

        return _budget == 0 ? s_maxTicks : _budget;
    }

    /// <summary>Records that spinning ended with the condition met: the budget grows back.</summary>
    public void Succeeded()
    {
        long current = _budget <= 0 ? s_minTicks : _budget;
        _budget = _budget == 0 ? s_maxTicks : Math.Min(s_maxTicks, current * 2);
    }

    /// <summary>Records that the waiter slept after spinning for <paramref name="used"/> ticks (0: it did not spin).</summary>
    public void Failed(long used)
    {
        if (used <= 0)
        {
            return;
        }

        long next = Math.Min(used, _budget <= 0 ? s_maxTicks : _budget) / 2;
        _budget = next < s_minTicks ? -1 : next;
    }

    /// <summary>Pauses the CPU briefly between two checks of the condition.</summary>
    public static void Pause() => Thread.SpinWait(8);

    /// <summary>
    /// Spins for the full budget until <paramref name="address"/> no longer holds <paramref name="unwanted"/>: a cross-CPU
    /// hand-off then costs well under a microsecond instead of a ~60 µs wake-up. False (sleep now) when the budget ran out,
    /// at once on one CPU.
    /// </summary>
    private static bool SpinUntilChanged(int* address, int unwanted)
    {
        long budget = s_maxTicks;
        if (budget == 0)
        {
            return false;
        }

        long start = Stopwatch.GetTimestamp();
        do
        {
            if (Volatile.Read(ref *address) != unwanted)
            {
                return true;
            }

            Pause();
        }
        while (Stopwatch.GetTimestamp() - start < budget);
        return Volatile.Read(ref *address) != unwanted;
    }

    /// <summary>
    /// One round of a stateless spin-then-sleep wait while <paramref name="word"/> holds <paramref name="unwanted"/>: the
    /// first round (<paramref name="spun"/> false) spins for the full budget; otherwise, or when that did not pay, sleeps
    /// on the futex counted in <paramref name="sleepers"/> (so that a waker makes the syscall only when someone sleeps).
    /// Returns false only when <paramref name="deadline"/> passed; callers re-check their condition in every other case.
    /// </summary>
    public static bool SpinThenSleep(int* word, int unwanted, int* sleepers, ref bool spun, long deadline)
    {
        if (!spun)
        {
            spun = true;
            if (SpinUntilChanged(word, unwanted))
            {
                return true;
            }
        }

        // Dekker pair with the waker: we publish ourselves, then the kernel re-checks the word.
        Interlocked.Increment(ref *sleepers);
        bool woke = Futex.Wait(word, unwanted, deadline);
        Interlocked.Decrement(ref *sleepers);
        return woke;
    }
}
