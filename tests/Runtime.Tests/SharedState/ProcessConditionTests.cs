using Xunit;

namespace Multiproc.Tests.SharedState;

public class ProcessConditionTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public void Using_it_without_holding_the_lock_is_an_error()
    {
        using ProcessCondition c = new();
        Assert.Throws<InvalidOperationException>(() => c.Wait(TimeSpan.Zero));
        Assert.Throws<InvalidOperationException>(() => c.Notify());
        Assert.Throws<InvalidOperationException>(c.NotifyAll);
        Assert.Throws<InvalidOperationException>(() => c.WaitFor(() => true));
    }

    [Fact]
    public void Wait_with_timeout_returns_false_and_holds_the_lock_again()
    {
        using ProcessCondition c = new();
        using (c.Hold())
        {
            Assert.False(c.Wait(TimeSpan.FromMilliseconds(50)));
            Assert.True(c.Lock is ProcessRLock r && r.IsOwnedByCurrentThread);
            Assert.Equal(0, c.WaitingCount);
        }
    }

    [Fact]
    public void A_recursively_held_rlock_is_fully_released_while_waiting()
    {
        using ProcessCondition c = new();
        ProcessRLock rlock = (ProcessRLock)c.Lock;
        using ProcessCondition other = WireRoundTrip.Remap(c);
        c.Acquire();
        c.Acquire();
        Thread t = new(() =>
        {
            using (other.Hold())
            {
                other.Notify();
            }
        });
        t.Start();
        bool notified = c.Wait(Long);
        t.Join();
        Assert.True(notified);
        Assert.Equal(2, rlock.RecursionCount);
        c.Release();
        c.Release();
    }

    [Fact]
    public void Notify_two_of_six_waiters_in_separate_mappings_wakes_exactly_two()
    {
        using ProcessCondition c = new(new ProcessLock());
        int returned = 0;
        int phase = 0;
        int[] phaseAtWake = new int[6];
        bool[] results = new bool[6];
        Thread[] threads = new Thread[6];
        for (int i = 0; i < threads.Length; i++)
        {
            int me = i;
            ProcessCondition mine = WireRoundTrip.Remap(c);
            threads[i] = new Thread(() =>
            {
                mine.Acquire();
                results[me] = mine.Wait(Long);
                phaseAtWake[me] = Volatile.Read(ref phase);
                Interlocked.Increment(ref returned);
                mine.Release();
            });
            threads[i].Start();
        }

        Assert.True(SpinWait.SpinUntil(() => c.WaitingCount == 6, Long));
        using (c.Hold())
        {
            c.Notify(2);
        }

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref returned) == 2, Long));

        // Only token holders can return true before the timeout: two tokens were issued and consumed.
        Assert.Equal(2, c.WokenCount);
        Assert.Equal(4, c.WaitingCount);
        using (c.Hold())
        {
            Volatile.Write(ref phase, 1);
            c.NotifyAll();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        Assert.All(results, Assert.True);
        Assert.Equal(2, phaseAtWake.Count(p => p == 0));
        c.Lock.Dispose();
    }

    [Fact]
    public void A_timed_out_waiter_leaves_no_token_behind()
    {
        using ProcessCondition c = new();
        using (c.Hold())
        {
            Assert.False(c.Wait(TimeSpan.FromMilliseconds(20)));
            c.Notify();
            Assert.False(c.Wait(TimeSpan.FromMilliseconds(20)), "a notify with nobody waiting is lost, as in Python");
        }
    }

    [Fact]
    public void WaitFor_returns_when_the_predicate_holds_or_times_out()
    {
        using ProcessCondition c = new();
        using SharedValue<int> v = new(0, lockFree: true);
        using ProcessCondition other = WireRoundTrip.Remap(c);
        Thread t = new(() =>
        {
            for (int i = 1; i <= 3; i++)
            {
                using (other.Hold())
                {
                    v.Value = i;
                    other.NotifyAll();
                }
            }
        });
        using (c.Hold())
        {
            t.Start();
            Assert.True(c.WaitFor(() => v.Value == 3, Long));
            Assert.False(c.WaitFor(() => v.Value == 4, TimeSpan.FromMilliseconds(50)));
        }

        t.Join();
    }

    [Fact]
    public async Task The_async_forms_need_a_ProcessLock_condition_held_by_this_process()
    {
        using ProcessCondition rlockCondition = new();
        using (rlockCondition.Hold())
        {
            InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(() => rlockCondition.WaitAsync(TimeSpan.Zero));
            Assert.Contains("new ProcessCondition(new ProcessLock())", ex.Message);
            await Assert.ThrowsAsync<InvalidOperationException>(() => rlockCondition.AcquireAsync());
        }

        using ProcessLock l = new();
        using ProcessCondition c = new(l);
        await Assert.ThrowsAsync<InvalidOperationException>(() => c.WaitAsync(TimeSpan.Zero));
        await Assert.ThrowsAsync<InvalidOperationException>(() => c.WaitForAsync(() => true));
    }

    [Fact]
    public async Task WaitAsync_times_out_with_the_lock_held_again_and_no_waiter_left()
    {
        using ProcessLock l = new();
        using ProcessCondition c = new(l);
        Assert.True(await c.AcquireAsync(Long));
        Assert.False(await c.WaitAsync(TimeSpan.FromMilliseconds(50)));
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        Assert.Equal(0, c.WaitingCount);
        Assert.False(await c.WaitForAsync(() => false, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        c.Release();
    }

    [Fact]
    public async Task A_cancelled_WaitAsync_holds_the_lock_again_and_a_notify_that_came_first_wins()
    {
        using ProcessLock l = new();
        using ProcessCondition c = new(l);
        using ProcessCondition other = WireRoundTrip.Remap(c);
        Assert.True(await c.AcquireAsync(Long));
        using (CancellationTokenSource cts = new())
        {
            Task<bool> waiting = c.WaitAsync(Long, cts.Token);
            Assert.False(l.IsLocked);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.Equal(Environment.ProcessId, l.OwnerPid);
            Assert.Equal(0, c.WaitingCount);
        }

        using (CancellationTokenSource cts = new())
        {
            Task<bool> waiting = c.WaitAsync(Long, cts.Token);
            using (other.Hold())
            {
                other.Notify();
                cts.Cancel();
            }

            Assert.True(await waiting.WaitAsync(Long));
            Assert.Equal(0, c.WaitingCount);
        }

        c.Release();
        other.Lock.Dispose();
    }

    [Fact]
    public void Any_thread_of_the_process_holding_a_ProcessLock_may_notify()
    {
        using ProcessLock l = new();
        using ProcessCondition c = new(l);
        l.Acquire();
        Exception? error = null;
        Thread t = new(() => error = Record.Exception(() => c.Notify()));
        t.Start();
        t.Join();
        Assert.Null(error);
        l.Release();
        Assert.Throws<InvalidOperationException>(() => c.Notify());
    }
}
