using System.Diagnostics;
using System.Runtime.InteropServices;
using Multiproc.Interop;

namespace Multiproc;

/// <summary>
/// Blocking on a 32-bit word in shared memory. Uses the shared (not private) futex operations, so a
/// waker in another process that mapped the same file wakes a waiter here. Timeouts are deadlines on
/// <see cref="Stopwatch"/> (CLOCK_MONOTONIC); FUTEX_WAIT's relative timeout is measured on the same clock.
/// </summary>
internal static unsafe class Futex
{
    /// <summary>A deadline that never passes.</summary>
    public const long Infinite = long.MaxValue;

    /// <summary>Turns a Python-style timeout (null = forever) into a deadline.</summary>
    public static long DeadlineFrom(TimeSpan? timeout)
    {
        if (timeout is not TimeSpan t || t == Timeout.InfiniteTimeSpan)
        {
            return Infinite;
        }

        if (t < TimeSpan.Zero)
        {
            ThrowHelper.ThrowTimeoutMustNonNegativeNullTimeout(nameof(timeout), t);
        }

        long ticks = (long)(t.TotalSeconds * Stopwatch.Frequency);
        long now = Stopwatch.GetTimestamp();
        return ticks >= Infinite - now ? Infinite : now + ticks;
    }

    /// <summary>The time left until <paramref name="deadline"/> (negative once passed); null for <see cref="Infinite"/>.</summary>
    public static TimeSpan? Remaining(long deadline) =>
        deadline == Infinite ? null : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);

    /// <summary>A deadline <paramref name="milliseconds"/> from now.</summary>
    public static long DeadlineAfterMilliseconds(int milliseconds) =>
        Stopwatch.GetTimestamp() + (milliseconds * Stopwatch.Frequency / 1000);

    /// <summary>True when <paramref name="deadline"/> has passed.</summary>
    public static bool Expired(long deadline) => deadline != Infinite && Stopwatch.GetTimestamp() >= deadline;

    /// <summary>
    /// Sleeps while <c>*address == expected</c>, until woken or <paramref name="deadline"/>. Returns false
    /// only when the deadline passed; true for a wake-up, a changed value or a signal (callers re-check).
    /// </summary>
    public static bool Wait(int* address, int expected, long deadline)
    {
        Libc.TimeSpec ts;
        Libc.TimeSpec* timeout = null;
        if (deadline != Infinite)
        {
            long remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return false;
            }

            long ns = (long)(remaining * (1_000_000_000.0 / Stopwatch.Frequency));
            ts.Seconds = ns / 1_000_000_000;
            ts.Nanoseconds = ns % 1_000_000_000;
            timeout = &ts;
        }

        int rc = Libc.Futex(address, Libc.FUTEX_WAIT, expected, timeout);
        if (rc == 0)
        {
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno switch
        {
            Libc.EAGAIN or Libc.EINTR => true,
            Libc.ETIMEDOUT => false,
            _ => throw ThrowHelper.CreateFutexFUTEXWAITFailedErrno(errno),
        };
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters on <paramref name="address"/>, in any process.</summary>
    public static void Wake(int* address, int count) => Libc.Futex(address, Libc.FUTEX_WAKE, count, null);

    /// <summary>Wakes every waiter on <paramref name="address"/>.</summary>
    public static void WakeAll(int* address) => Wake(address, int.MaxValue);
}
