using Xunit;

namespace Multiproc.Tests.SharedState;

public class ProcessLockTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public void Non_blocking_acquire_fails_while_held_through_another_mapping()
    {
        using ProcessLock a = new();
        using ProcessLock b = WireRoundTrip.Remap(a);
        Assert.True(a.Acquire());
        Assert.True(b.IsLocked);
        Assert.Equal(Environment.ProcessId, b.OwnerPid);
        Assert.False(b.Acquire(blocking: false));
        a.Release();
        Assert.True(b.Acquire(blocking: false));
        b.Release();
    }

    [Fact]
    public void Acquire_with_timeout_returns_false()
    {
        using ProcessLock l = new();
        l.Acquire();
        Assert.False(l.Acquire(timeout: TimeSpan.FromMilliseconds(50)));
        Assert.False(l.Acquire(timeout: TimeSpan.Zero));
        l.Release();
    }

    [Fact]
    public void Release_by_another_thread_is_allowed()
    {
        using ProcessLock l = new();
        l.Acquire();
        Thread t = new(() => l.Release());
        t.Start();
        t.Join();
        Assert.False(l.IsLocked);
    }

    [Fact]
    public void Releasing_an_unlocked_lock_is_an_error()
    {
        using ProcessLock l = new();
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(l.Release);
        Assert.Contains("unlocked", ex.Message);
    }

    [Fact]
    public void Timeout_with_non_blocking_is_an_error()
    {
        using ProcessLock l = new();
        Assert.Throws<ArgumentException>(() => l.Acquire(blocking: false, timeout: TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => l.Acquire(timeout: TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public void A_blocked_acquire_is_woken_by_release_from_another_mapping()
    {
        using ProcessLock a = new();
        using ProcessLock b = WireRoundTrip.Remap(a);
        a.Acquire();
        using ManualResetEventSlim started = new();
        bool acquired = false;
        Thread t = new(() =>
        {
            started.Set();
            acquired = b.Acquire(timeout: Long);
            b.Release();
        });
        t.Start();
        started.Wait();
        a.Release();
        t.Join();
        Assert.True(acquired);
    }

    [Fact]
    public void Four_mappings_times_one_thousand_locked_increments_make_4000()
    {
        using ProcessLock root = new();
        using SharedValue<int> value = new(0, lockFree: true);
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.Length; i++)
        {
            ProcessLock l = WireRoundTrip.Remap(root);
            SharedValue<int> v = WireRoundTrip.Remap(value);
            threads[i] = new Thread(() =>
            {
                for (int j = 0; j < 1000; j++)
                {
                    using (l.Hold())
                    {
                        int x = v.Value;
                        Thread.Yield();
                        v.Value = x + 1;
                    }
                }

                l.Dispose();
                v.Dispose();
            });
        }

        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        Assert.Equal(4000, value.Value);
    }

    [Fact]
    public void A_lock_held_by_a_dead_process_is_recovered_and_reported()
    {
        using ProcessLock l = new();
        int dead = WireRoundTrip.DeadPid();
        l.ForceOwner(dead, 12345);
        Assert.Equal(dead, l.OwnerPid);
        Assert.Throws<AbandonedLockException>(() => l.Acquire(timeout: Long));
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        l.Release();
        Assert.True(l.Acquire(blocking: false));
        l.Release();
    }

    [Fact]
    public void A_waiter_blocked_on_a_holder_that_is_SIGKILLed_recovers_the_lock()
    {
        using System.Diagnostics.Process holder = System.Diagnostics.Process.Start("sleep", "120")!;
        Assert.True(ProcessLiveness.TryReadStat(holder.Id, out _, out long start));
        using ProcessLock l = new();
        using ProcessLock mine = WireRoundTrip.Remap(l);
        l.ForceOwner(holder.Id, start);
        Assert.False(mine.Acquire(timeout: TimeSpan.FromMilliseconds(250)), "a live holder keeps the lock");
        Exception? error = null;
        Thread waiter = new(() =>
        {
            try
            {
                mine.Acquire(timeout: Long);
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        waiter.Start();
        holder.Kill();
        holder.WaitForExit();
        waiter.Join();
        Assert.IsType<AbandonedLockException>(error);
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        l.Release();
    }

    [Fact]
    public void A_non_blocking_acquire_also_recovers_an_abandoned_lock()
    {
        using ProcessLock l = new();
        l.ForceOwner(WireRoundTrip.DeadPid(), 0);
        Assert.Throws<AbandonedLockException>(() => l.Acquire(blocking: false));
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        l.Release();
    }

    [Fact]
    public void A_reused_pid_with_another_start_time_counts_as_dead()
    {
        using ProcessLock l = new();
        l.ForceOwner(Environment.ProcessId, ProcessLiveness.SelfStartTime + 1);
        Assert.Throws<AbandonedLockException>(() => l.Acquire(timeout: Long));
        l.Release();
    }

    [Fact]
    public void A_live_owner_is_not_taken_over()
    {
        using ProcessLock l = new();
        l.ForceOwner(1, 0);
        Assert.False(l.Acquire(timeout: TimeSpan.FromMilliseconds(250)));
        Assert.Equal(1, l.OwnerPid);
    }

    [Fact]
    public async Task AcquireAsync_completes_when_another_mapping_releases()
    {
        using ProcessLock a = new();
        using ProcessLock b = WireRoundTrip.Remap(a);
        a.Acquire();
        Task<bool> pending = b.AcquireAsync(Long);
        Assert.False(pending.IsCompleted);
        a.Release();
        Assert.True(await pending.WaitAsync(Long));
        Assert.True(a.IsLocked);
        b.Release();
    }

    [Fact]
    public async Task Many_async_waiters_are_served_one_at_a_time()
    {
        using ProcessLock l = new();
        l.Acquire();
        Task<bool>[] waiters = [.. Enumerable.Range(0, 5).Select(_ => l.AcquireAsync(Long))];
        l.Release();
        while (waiters.Length > 0)
        {
            Task<bool> done = await Task.WhenAny(waiters).WaitAsync(Long);
            Assert.True(await done);
            waiters = [.. waiters.Where(w => w != done)];
            Assert.All(waiters, w => Assert.False(w.IsCompleted)); // the lock is held: nobody else has it
            l.Release();
        }
    }

    [Fact]
    public async Task AcquireAsync_times_out_and_cancels()
    {
        using ProcessLock l = new();
        l.Acquire();
        Assert.False(await l.AcquireAsync(TimeSpan.FromMilliseconds(50)));
        using CancellationTokenSource cts = new();
        Task<bool> pending = l.AcquireAsync(null, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        l.Release();
        Assert.True(await l.AcquireAsync(Long));
        l.Release();
    }

    [Fact]
    public async Task AcquireAsync_reports_abandonment()
    {
        using ProcessLock l = new();
        l.ForceOwner(WireRoundTrip.DeadPid(), 0);
        await Assert.ThrowsAsync<AbandonedLockException>(() => l.AcquireAsync(Long));
        Assert.Equal(Environment.ProcessId, l.OwnerPid);
        l.Release();
    }
}
