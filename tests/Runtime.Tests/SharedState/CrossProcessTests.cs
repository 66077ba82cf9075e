using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;
using Xunit;

namespace Multiproc.Tests.SharedState;

// Real child processes (the TestHost program) re-attach to the shared objects passed as arguments.
public sealed class CrossProcessTests : ChildProcessTest
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    private static bool SegmentExists(string name) => File.Exists("/dev/shm/mp_" + name);

    [Fact]
    public void Four_children_times_one_thousand_locked_increments_make_exactly_4000()
    {
        using SharedValue<int> counter = new(0);
        Process[] children = [.. Enumerable.Range(0, 4).Select(_ => Spawn.IncrementUnderLock(counter, 1000))];
        foreach (Process child in children)
        {
            Assert.True(child.Join(Long));
            Assert.Equal(0, child.ExitCode);
        }

        Assert.Equal(4000, counter.Value);
    }

    [Fact]
    public void A_child_writes_values_of_several_types_and_the_parent_sees_them()
    {
        using SharedValue<int> i = new();
        using SharedValue<double> d = new();
        using SharedValue<long> l = new(lockFree: true);
        using SharedValue<SharedStateTargets.Triple> t = new();
        using SharedArray<double> a = new(5);
        Process child = Spawn.WriteValues(i, d, l, t, a);
        Assert.True(child.Join(Long));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(-123456, i.Value);
        Assert.Equal(Math.E, d.Value);
        Assert.Equal((1L << 40) + 3, l.Value);
        Assert.Equal(new SharedStateTargets.Triple { X = 7, Y = 0.5, Z = long.MaxValue }, t.Value);
        Assert.Equal([0, 1.5, 3, 4.5, 6], a.ToArray());
    }

    [Fact]
    public void Notify_two_with_three_processes_and_three_threads_waiting_wakes_exactly_two()
    {
        using ProcessCondition c = new();
        using SharedValue<int> phase = new(0, lockFree: true);
        using SharedValue<int> woken = new(0, lockFree: true);
        Process<int>[] children = [.. Enumerable.Range(0, 3).Select(_ => Spawn.WaitOnCondition(c, phase, woken))];
        int[] threadPhases = new int[3];
        Thread[] threads = [.. Enumerable.Range(0, 3).Select(k => new Thread(() =>
            threadPhases[k] = SharedStateTargets.WaitOnCondition(WireRoundTrip.Remap(c), phase, woken)))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        Assert.True(SpinWait.SpinUntil(() => c.WaitingCount == 6, Long), "six waits begun");
        using (c.Hold())
        {
            c.Notify(2);
        }

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref woken.Ref) == 2, Long));
        Assert.Equal(2, c.WokenCount);
        Assert.Equal(4, c.WaitingCount);
        using (c.Hold())
        {
            phase.Value = 1;
            c.NotifyAll();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        int[] phases = [.. threadPhases, .. children.Select(p => p.GetResult())];
        Assert.DoesNotContain(-1, phases);
        Assert.Equal(2, phases.Count(p => p == 0));
    }

    [Fact]
    public async Task A_lock_whose_holder_is_SIGKILLed_is_recovered_as_abandoned()
    {
        using ProcessLock l = new();
        using ProcessEvent acquired = new();
        Process holder = Spawn.HoldLockUntilKilled(l, acquired);
        Assert.True(acquired.Wait(Long));
        Assert.Equal(holder.Pid, l.OwnerPid);
        Assert.False(l.Acquire(blocking: false));
        Task<bool> waiter = Task.Run(() => l.Acquire(timeout: Long));
        holder.Kill();
        Assert.True(holder.Join(Long));
        Assert.Equal(-9, holder.ExitCode);
        await Assert.ThrowsAsync<AbandonedLockException>(() => waiter);
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        l.Release();
    }

    [Fact]
    public void Leak_normal_exit_the_childs_segment_is_unlinked_and_ours_survive()
    {
        string[] before = WireRoundTrip.OurShmFiles();
        using SharedValue<int> mine = new(1);
        Process<string> child = Spawn.CreateSegmentAndExit(4096);
        string name = child.GetResult();
        Assert.Equal(0, child.ExitCode);
        Assert.False(SegmentExists(name));
        mine.Dispose();
        Assert.Equal(before.Order(), WireRoundTrip.OurShmFiles().Order());
    }

    [Fact]
    public void Leak_child_SIGKILLed_its_segment_is_reaped()
    {
        using SharedArray<byte> nameOut = new(256);
        using ProcessEvent ready = new();
        Process child = Spawn.CreateSegmentAndHang(nameOut, ready);
        Assert.True(ready.Wait(Long));
        string name = SharedStateTargets.ReadName(nameOut);
        Assert.True(SegmentExists(name));
        child.Kill();
        Assert.True(child.Join(Long));
        Assert.True(SharedMemory.ReapStale() >= 1);
        Assert.False(SegmentExists(name));
    }

    [Fact]
    public void Leak_child_SIGKILLed_its_segment_is_reaped_when_its_parent_exits_normally()
    {
        Process<string> parent = Spawn.KillGrandchildThenExit();
        string name = parent.GetResult();
        Assert.Equal(0, parent.ExitCode);
        Assert.False(SegmentExists(name));
    }

    [Fact]
    public void Leak_parent_SIGKILLed_its_segments_are_reaped_by_a_surviving_child_at_exit()
    {
        using SharedArray<byte> nameOut = new(256);
        using ProcessEvent ready = new();
        using ProcessEvent release = new();
        Process parent = Spawn.CreateThenSpawnAndHang(nameOut, ready, release);
        Assert.True(ready.Wait(Long));
        string name = SharedStateTargets.ReadName(nameOut);
        Assert.True(SegmentExists(name));
        parent.Kill();
        Assert.True(parent.Join(Long));
        Assert.True(SegmentExists(name), "nobody has cleaned up yet");
        release.Set(); // the grandchild exits normally and its exit hook reaps the dead parent's segments
        Assert.True(SpinWait.SpinUntil(() => !SegmentExists(name), Long));
        // The parent made two (the probe and the value it passed on): wait for the reaper to finish both.
        Assert.True(SpinWait.SpinUntil(() => !Directory.EnumerateFiles("/dev/shm", $"mp_{parent.Pid}_*").Any(), Long));
    }

    [Fact]
    public void A_child_fills_a_shared_array_the_parent_sums_without_copying()
    {
        using SharedArray<long> numbers = new(100_000, lockFree: true);
        Process child = Spawn.FillSquares(numbers);
        Assert.True(child.Join(Long));
        long sum = 0;
        foreach (long n in numbers.Span)
        {
            sum += n;
        }

        Assert.Equal(Enumerable.Range(0, 100_000).Sum(k => (long)k * k), sum);
    }
}
