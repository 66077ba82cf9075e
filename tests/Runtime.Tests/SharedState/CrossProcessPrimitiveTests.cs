using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;
using Xunit;

namespace Multiproc.Tests.SharedState;

// The synchronization primitives and SharedMemory with real child processes (the TestHost program) on the
// other side: every test has at least one child that re-attaches to the parent's objects. Waits are on events,
// semaphores and joins; only the timeouts under test are short.
public sealed class CrossProcessPrimitiveTests : ChildProcessTest
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    // ---- ProcessLock ----

    [Fact]
    public void Lock_held_by_a_child_fails_the_parents_nonblocking_and_timed_acquires_until_the_child_releases()
    {
        using ProcessLock l = new();
        using ProcessEvent acquired = new();
        using ProcessEvent release = new();
        Process<bool> child = Spawn.HoldLockUntilReleased(l, acquired, release);
        Assert.True(acquired.Wait(Patience));
        Assert.Equal(child.Pid, l.OwnerPid);
        Assert.False(l.Acquire(blocking: false));
        Assert.False(l.Acquire(timeout: Short));
        release.Set();
        Assert.True(l.Acquire(timeout: Patience), "the child's release lets the parent in");
        Assert.True(Succeeded(child));
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        l.Release();
    }

    [Fact]
    public void Lock_acquired_by_the_parent_is_released_by_a_child_and_releasing_it_again_throws_in_the_child()
    {
        using ProcessLock l = new();
        Assert.True(l.Acquire(blocking: false));
        Assert.Equal(PrimitiveTargets.Ok, Succeeded(Spawn.ReleaseForeignLock(l)));
        Assert.False(l.IsLocked);
        Assert.Equal(nameof(InvalidOperationException), Succeeded(Spawn.ReleaseForeignLock(l)));
        Assert.False(l.IsLocked);
        Assert.True(l.Acquire(blocking: false), "the failed release left the lock usable");
        l.Release();
    }

    // ---- ProcessRLock ----

    [Fact]
    public void RLock_acquired_twice_by_a_child_stays_held_until_its_second_release()
    {
        using ProcessRLock l = new();
        using ProcessSemaphore stepped = new(0);
        using ProcessSemaphore proceed = new(0);
        Process<int[]> child = Spawn.AcquireRLockTwiceInSteps(l, stepped, proceed);
        Assert.True(stepped.Acquire(timeout: Patience));
        Assert.Equal(child.Pid, l.OwnerPid);
        Assert.Equal(2, l.RecursionCount);
        Assert.False(l.Acquire(blocking: false));
        proceed.Release();
        Assert.True(stepped.Acquire(timeout: Patience));
        Assert.Equal(child.Pid, l.OwnerPid);
        Assert.Equal(1, l.RecursionCount);
        Assert.False(l.Acquire(blocking: false), "one release of two leaves the RLock held");
        proceed.Release();
        Assert.Equal([2, 1, 0], Succeeded(child));
        Assert.Equal(0, l.OwnerPid);
        Assert.True(l.Acquire(blocking: false));
        l.Release();
    }

    [Fact]
    public void RLock_owned_by_the_parent_cannot_be_taken_or_released_by_a_child()
    {
        using ProcessRLock l = new();
        Assert.True(l.Acquire(blocking: false));
        Assert.Equal($"acquired=False;release={nameof(InvalidOperationException)}", Succeeded(Spawn.ReleaseForeignRLock(l)));
        Assert.True(l.IsOwnedByCurrentThread);
        Assert.Equal(1, l.RecursionCount);
        l.Release();
        Assert.Equal(0, l.OwnerPid);
    }

    // ---- ProcessSemaphore / ProcessBoundedSemaphore ----

    [Fact]
    public void Semaphore_of_two_taken_by_two_children_times_out_a_third_acquire_until_they_release() =>
        TwoChildrenTakeBothUnits(new ProcessSemaphore(2), (s, took, giveBack) => Spawn.TakeSemaphoreUnit(s, took, giveBack));

    [Fact]
    public void Bounded_semaphore_of_two_taken_by_two_children_times_out_a_third_acquire_until_they_release() =>
        TwoChildrenTakeBothUnits(new ProcessBoundedSemaphore(2), (s, took, giveBack) => Spawn.TakeBoundedSemaphoreUnit(s, took, giveBack));

    [Fact]
    public void Releasing_a_full_bounded_semaphore_in_a_child_throws_SemaphoreFullException()
    {
        using ProcessBoundedSemaphore s = new(2);
        Assert.Equal(nameof(SemaphoreFullException), Succeeded(Spawn.ReleaseBoundedSemaphoreUnit(s)));
        Assert.Equal(2, s.Value);
        Assert.True(s.Acquire(blocking: false));
        Assert.Equal(PrimitiveTargets.Ok, Succeeded(Spawn.ReleaseBoundedSemaphoreUnit(s)));
        Assert.Equal(2, s.Value);
    }

    [Fact]
    public void Releasing_a_plain_semaphore_in_a_child_beyond_its_initial_value_raises_it()
    {
        using ProcessSemaphore s = new(2);
        Assert.Equal(PrimitiveTargets.Ok, Succeeded(Spawn.ReleaseSemaphoreUnit(s)));
        Assert.Equal(3, s.Value);
    }

    // ---- ProcessEvent ----

    [Fact]
    public void Event_set_by_a_child_wakes_the_parents_wait_and_Clear_unsets_it()
    {
        using ProcessEvent e = new();
        Assert.False(e.IsSet);
        Assert.False(e.Wait(Short));
        Process child = Spawn.SetEvent(e);
        Assert.True(e.Wait(Patience));
        Assert.True(e.IsSet);
        Succeeded(child);
        e.Clear();
        Assert.False(e.IsSet);
        Assert.False(e.Wait(Short));
    }

    [Fact]
    public void Event_cleared_by_the_parent_is_unset_in_children_until_the_parents_Set_wakes_them_all()
    {
        using ProcessEvent e = new();
        using ProcessSemaphore ready = new(0);
        e.Set();
        e.Clear();
        Process<bool[]>[] children = [Spawn.ObserveEvent(e, ready), Spawn.ObserveEvent(e, ready)];
        foreach (Process<bool[]> _ in children)
        {
            Assert.True(ready.Acquire(timeout: Patience));
        }

        e.Set();
        foreach (Process<bool[]> child in children)
        {
            Assert.Equal([false, false, true, true], Succeeded(child));
        }
    }

    // ---- ProcessBarrier ----

    [Fact]
    public void Barrier_of_three_children_and_the_parent_passes_twice_with_one_action_run_per_pass()
    {
        using SharedValue<int> passes = new(0, lockFree: true);
        using ProcessBarrier b = new(4, action: () => Interlocked.Increment(ref passes.Ref));
        Process<int[]>[] children = [.. Enumerable.Range(0, 3).Select(_ => Spawn.PassBarrierTwice(b, passes))];
        int first = b.Wait(Patience);
        int second = b.Wait(Patience);
        int[][] seen = [.. children.Select(Succeeded)];
        Assert.Equal([0, 1, 2, 3], seen.Select(r => r[0]).Append(first).Order());
        Assert.Equal([0, 1, 2, 3], seen.Select(r => r[2]).Append(second).Order());
        Assert.All(seen, r => Assert.Equal(1, r[1]));
        Assert.All(seen, r => Assert.Equal(2, r[3]));
        Assert.Equal(2, passes.Value);
        Assert.False(b.IsBroken);
    }

    [Fact]
    public void Barrier_wait_timing_out_in_a_child_breaks_it_for_the_other_children_and_the_parent()
    {
        using ProcessBarrier b = new(4);
        Process<int>[] waiting = SpawnWaitersAndAwaitArrival(b, 2);
        Process<int> impatient = Spawn.WaitAtBarrier(b, (int)Short.TotalMilliseconds);
        Assert.Equal(PrimitiveTargets.Broken, Succeeded(impatient));
        Assert.All(waiting, child => Assert.Equal(PrimitiveTargets.Broken, Succeeded(child)));
        Assert.True(b.IsBroken);
        Assert.Throws<BrokenBarrierException>(() => b.Wait(Patience));
    }

    [Fact]
    public void Barrier_aborted_by_the_parent_breaks_the_childrens_waits_and_Reset_makes_it_pass_again()
    {
        using ProcessBarrier b = new(4);
        Process<int>[] aborted = SpawnWaitersAndAwaitArrival(b, 3);
        b.Abort();
        Assert.All(aborted, child => Assert.Equal(PrimitiveTargets.Broken, Succeeded(child)));
        Assert.True(b.IsBroken);
        b.Reset();
        Assert.False(b.IsBroken);
        Process<int>[] again = SpawnWaitersAndAwaitArrival(b, 3);
        int mine = b.Wait(Patience);
        Assert.Equal([0, 1, 2, 3], again.Select(Succeeded).Append(mine).Order());
    }

    [Fact]
    public void Barrier_of_one_party_passes_at_once_in_a_child()
    {
        using ProcessBarrier b = new(1);
        Assert.Equal(0, Succeeded(Spawn.WaitAtBarrier(b, 0)));
        Assert.Equal([0, 0], Succeeded(Spawn.PassOwnSinglePartyBarrier()));
        Assert.False(b.IsBroken);
    }

    // ---- SharedMemory ----

    [Fact]
    public void SharedMemory_passed_to_a_child_is_the_same_memory_in_both_directions()
    {
        const int Size = 10_000;
        using SharedMemory m = SharedMemory.Create(Size);
        using ProcessEvent written = new();
        using ProcessEvent parentWrote = new();
        Process<long> child = Spawn.WriteThenChecksumSharedMemory(m, written, parentWrote);
        Assert.True(written.Wait(Patience));
        Span<byte> span = m.Span;
        for (int k = 0; k < Size; k++)
        {
            Assert.Equal(PrimitiveTargets.ChildByte(k), span[k]);
        }

        long expected = 0;
        for (int k = 0; k < Size; k++)
        {
            span[k] = (byte)(k % 251);
            expected += span[k];
        }

        parentWrote.Set();
        Assert.Equal(expected, Succeeded(child));
    }

    [Fact]
    public void SharedMemory_attached_by_name_in_a_child_and_after_unlink_FileNotFoundException()
    {
        using SharedMemory m = SharedMemory.Create(123);
        m.Span[0] = 42;
        Assert.Equal("size=123;first=42", Succeeded(Spawn.AttachSharedMemoryByName(m.Name)));
        m.Unlink();
        Assert.Equal(nameof(FileNotFoundException), Succeeded(Spawn.AttachSharedMemoryByName(m.Name)));
        Assert.Equal(42, m.Span[0]);
    }

    // ---- helpers ----

    /// <summary>Joins <paramref name="child"/> and asserts it exited with 0.</summary>
    private static void Succeeded(Process child)
    {
        Assert.True(child.Join(Patience), "the child exits");
        Assert.Equal(0, child.ExitCode);
    }

    /// <summary>Joins <paramref name="child"/>, asserts it exited with 0 and returns its result.</summary>
    private static T Succeeded<T>(Process<T> child)
    {
        Succeeded((Process)child);
        return child.GetResult();
    }

    /// <summary>Starts <paramref name="count"/> children that wait at <paramref name="barrier"/> (60 s) and waits until all have arrived.</summary>
    private static Process<int>[] SpawnWaitersAndAwaitArrival(ProcessBarrier barrier, int count)
    {
        Process<int>[] children = [.. Enumerable.Range(0, count).Select(_ => Spawn.WaitAtBarrier(barrier, (int)Patience.TotalMilliseconds))];
        WaitUntil(() => barrier.WaitingCount == count, $"{count} children waiting at the barrier");
        return children;
    }

    /// <summary>
    /// Two children each take one of the two units of <paramref name="semaphore"/> and say so; a third acquire
    /// in the parent times out; when the children give their units back the parent gets both.
    /// </summary>
    private static void TwoChildrenTakeBothUnits<TSemaphore>(TSemaphore semaphore, Func<TSemaphore, ProcessEvent, ProcessEvent, Process<bool>> spawn)
        where TSemaphore : ProcessSemaphoreBase
    {
        using TSemaphore s = semaphore;
        using ProcessEvent took1 = new();
        using ProcessEvent took2 = new();
        using ProcessEvent giveBack = new();
        Process<bool>[] children = [spawn(s, took1, giveBack), spawn(s, took2, giveBack)];
        Assert.True(took1.Wait(Patience));
        Assert.True(took2.Wait(Patience));
        Assert.Equal(0, s.Value);
        Assert.False(s.Acquire(blocking: false));
        Assert.False(s.Acquire(timeout: Short));
        giveBack.Set();
        Assert.True(s.Acquire(timeout: Patience), "a child's release lets the parent in");
        Assert.True(s.Acquire(timeout: Patience), "so does the other's");
        Assert.All(children, child => Assert.True(Succeeded(child)));
        Assert.Equal(0, s.Value);
        s.Release(2);
        Assert.Equal(2, s.Value);
    }
}
