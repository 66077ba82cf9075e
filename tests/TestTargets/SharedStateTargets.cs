using System.Text;

namespace Multiproc.Tests.Targets;

/// <summary>
/// Process targets for the shared-state cross-process tests (tests/Runtime.Tests/SharedState/
/// CrossProcessTests.cs.pending until the generator lands; the targets that start grandchildren are in
/// SharedStateTargets.Spawning.cs.pending because they call the generated Spawn class): each receives shared objects as handles and
/// re-attaches to the same memory.
/// </summary>
public static partial class SharedStateTargets
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    /// <summary>A struct written by a child and read by the parent.</summary>
    public struct Triple
    {
        /// <summary>An int.</summary>
        public int X;

        /// <summary>A double.</summary>
        public double Y;

        /// <summary>A long.</summary>
        public long Z;
    }

    /// <summary>Adds 1 to <paramref name="counter"/> <paramref name="times"/> times, each under its lock.</summary>
    [ProcessTarget]
    public static void IncrementUnderLock(SharedValue<int> counter, int times)
    {
        ProcessRLock l = counter.GetLock();
        for (int i = 0; i < times; i++)
        {
            using (l.Hold())
            {
                counter.Value++;
            }
        }
    }

    /// <summary>Writes values of several types for the parent to read.</summary>
    [ProcessTarget]
    public static void WriteValues(SharedValue<int> i, SharedValue<double> d, SharedValue<long> l, SharedValue<Triple> t, SharedArray<double> a)
    {
        i.Value = -123456;
        d.Value = Math.E;
        l.Value = (1L << 40) + 3;
        t.Value = new Triple { X = 7, Y = 0.5, Z = long.MaxValue };
        for (int k = 0; k < a.Length; k++)
        {
            a[k] = k * 1.5;
        }
    }

    /// <summary>Waits once on <paramref name="condition"/>; returns the phase seen on waking, or -1 on timeout.</summary>
    [ProcessTarget]
    public static int WaitOnCondition(ProcessCondition condition, SharedValue<int> phase, SharedValue<int> woken)
    {
        using (condition.Hold())
        {
            if (!condition.Wait(Long))
            {
                return -1;
            }

            int seen = phase.Value;
            Interlocked.Increment(ref woken.Ref);
            return seen;
        }
    }

    /// <summary>Takes <paramref name="lock"/>, says so, and waits to be killed while holding it.</summary>
    [ProcessTarget]
    public static void HoldLockUntilKilled(ProcessLock @lock, ProcessEvent acquired)
    {
        @lock.Acquire();
        acquired.Set();
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Creates a segment and returns its name, then exits normally (its exit hook unlinks it).</summary>
    [ProcessTarget]
    public static string CreateSegmentAndExit(int size) => SharedMemory.Create(size).Name;

    /// <summary>Creates a segment, publishes its name in <paramref name="nameOut"/>, sets <paramref name="ready"/> and waits to be killed.</summary>
    [ProcessTarget]
    public static void CreateSegmentAndHang(SharedArray<byte> nameOut, ProcessEvent ready)
    {
        SharedMemory segment = SharedMemory.Create(64);
        PublishName(segment.Name, nameOut);
        ready.Set();
        Thread.Sleep(Timeout.Infinite);
        GC.KeepAlive(segment);
    }

    /// <summary>Fills <paramref name="numbers"/> with the squares of the indices, in place (no copy).</summary>
    [ProcessTarget]
    public static void FillSquares(SharedArray<long> numbers)
    {
        Span<long> span = numbers.Span;
        for (int k = 0; k < span.Length; k++)
        {
            span[k] = (long)k * k;
        }
    }

    /// <summary>Reads a name published with <see cref="PublishName"/>.</summary>
    public static string ReadName(SharedArray<byte> nameOut)
    {
        ReadOnlySpan<byte> bytes = nameOut.Span;
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    internal static void PublishName(string name, SharedArray<byte> nameOut)
    {
        nameOut.Span.Clear();
        Encoding.UTF8.GetBytes(name, nameOut.Span);
    }
}
