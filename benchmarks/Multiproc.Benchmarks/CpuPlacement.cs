using System.Runtime.InteropServices;

namespace Multiproc.Benchmarks;

/// <summary>
/// <c>--affinity none|same|cross</c>, as mp_bench.py and c/pingpong.c take it: leave placement to the scheduler,
/// put parent and child on CPU 0, or the parent on CPU 0 and the child on CPU 1. On a small VM a cross-CPU
/// wake-up costs tens of microseconds and an on-CPU hand-off a few, so unpinned round trips jump between the
/// two; the pinned rows are the ones to compare.
/// </summary>
internal static class CpuPlacement
{
    /// <summary>The CPUs for parent and child (-1: not pinned).</summary>
    /// <param name="affinity">none, same or cross.</param>
    /// <returns>The parent's and the child's CPU.</returns>
    public static (int Parent, int Child) Parse(string affinity) => affinity switch
    {
        "none" => (-1, -1),
        "same" => (0, 0),
        "cross" => (0, 1),
        _ => throw new ArgumentException($"--affinity must be none, same or cross, not '{affinity}'."),
    };

    /// <summary>
    /// Pins the calling thread (the one that sends and receives; threads it starts later inherit the mask) to
    /// <paramref name="cpu"/>, as Python's <c>os.sched_setaffinity(0, …)</c> does; -1 does nothing.
    /// </summary>
    /// <param name="cpu">The CPU, or -1.</param>
    public static void PinCurrentThread(int cpu)
    {
        if (cpu < 0)
        {
            return;
        }

        ulong mask = 1UL << cpu;
        if (SchedSetAffinity(0, sizeof(ulong), ref mask) != 0)
        {
            throw new InvalidOperationException($"sched_setaffinity to CPU {cpu} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nint size, ref ulong mask);
}
