using System.Diagnostics;
using System.Runtime.InteropServices;
using Multiproc.Interop;

namespace Multiproc.Queues;

/// <summary>
/// Blocking on a 32-bit word in a queue segment, across processes (the shared, not private, futex operations),
/// with deadlines on <see cref="Stopwatch"/> ticks (<see cref="Infinite"/> never passes).
/// </summary>
/// <remarks>
/// Internal to the queues until the shared futex code of <c>Synchronization</c> lands; the integrator can
/// replace it with that one (same operations, same semantics).
/// </remarks>
internal static unsafe class QueueFutex
{
    /// <summary>A deadline that never passes.</summary>
    public const long Infinite = long.MaxValue;

    private const int FutexWait = 0;
    private const int FutexWake = 1;
    private const int ErrnoAgain = 11;
    private const int ErrnoTimedOut = 110;

    /// <summary>The futex system call number: 202 on x86-64, 98 on arm64 and riscv64.</summary>
    private static readonly nint s_sysFutex = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.X86 or Architecture.Arm => 240,
        _ => 98,
    };

    /// <summary>Turns a Python-style timeout (null or infinite = forever) into a deadline.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is negative.</exception>
    public static long DeadlineFrom(TimeSpan? timeout)
    {
        if (timeout is not TimeSpan t || t == Timeout.InfiniteTimeSpan)
        {
            return Infinite;
        }

        if (t < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "A timeout must be non-negative, null or Timeout.InfiniteTimeSpan.");
        }

        long now = Stopwatch.GetTimestamp();
        double ticks = t.TotalSeconds * Stopwatch.Frequency;
        return ticks >= Infinite - now ? Infinite : now + (long)ticks;
    }

    /// <summary>True when <paramref name="deadline"/> has passed.</summary>
    public static bool Expired(long deadline) => deadline != Infinite && Stopwatch.GetTimestamp() >= deadline;

    /// <summary>
    /// Sleeps while <c>*address == expected</c> until woken, <paramref name="deadline"/> or at most
    /// <paramref name="sliceMilliseconds"/> (so callers can check for dead peers). Returns false only when the
    /// deadline has passed; callers re-check their condition in every other case.
    /// </summary>
    public static bool Wait(int* address, int expected, long deadline, int sliceMilliseconds)
    {
        long now = Stopwatch.GetTimestamp();
        long slice = sliceMilliseconds * Stopwatch.Frequency / 1000;
        long until = deadline == Infinite || deadline - now > slice ? now + slice : deadline;
        long remaining = until - now;
        if (remaining <= 0)
        {
            return !Expired(deadline);
        }

        long ns = (long)(remaining * (1_000_000_000.0 / Stopwatch.Frequency));
        long* timespec = stackalloc long[2];
        timespec[0] = ns / 1_000_000_000;
        timespec[1] = ns % 1_000_000_000;
        if (Libc.QueueFutexSyscall(s_sysFutex, address, FutexWait, expected, timespec, 0, 0) == 0)
        {
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        if (errno is ErrnoAgain or Libc.EINTR or ErrnoTimedOut)
        {
            return !Expired(deadline);
        }

        throw new InvalidOperationException($"futex(FUTEX_WAIT) failed with errno {errno}.");
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters on <paramref name="address"/>, in any process.</summary>
    public static void Wake(int* address, int count) => Libc.QueueFutexSyscall(s_sysFutex, address, FutexWake, count, null, 0, 0);

    /// <summary>Wakes every waiter on <paramref name="address"/>, in any process.</summary>
    public static void WakeAll(int* address) => Wake(address, int.MaxValue);
}
