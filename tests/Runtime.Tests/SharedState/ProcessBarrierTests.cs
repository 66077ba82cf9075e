using Xunit;

namespace Multiproc.Tests.SharedState;

public class ProcessBarrierTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static Thread[] StartWaiters(ProcessBarrier barrier, int count, Action<int, Exception?> done, TimeSpan? timeout = null)
    {
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            ProcessBarrier mine = WireRoundTrip.Remap(barrier);
            threads[i] = new Thread(() =>
            {
                try
                {
                    done(mine.Wait(timeout ?? Long), null);
                }
                catch (Exception ex)
                {
                    done(-1, ex);
                }
                finally
                {
                    mine.Dispose();
                }
            });
            threads[i].Start();
        }

        return threads;
    }

    [Fact]
    public void All_parties_pass_with_distinct_indices_and_the_action_runs_once_per_pass()
    {
        int actions = 0;
        using ProcessBarrier b = new(3, () => Interlocked.Increment(ref actions));
        Assert.Equal(3, b.Parties);
        for (int pass = 1; pass <= 2; pass++)
        {
            List<int> indices = [];
            Thread[] threads = StartWaiters(b, 2, (i, ex) => { Assert.Null(ex); lock (indices) { indices.Add(i); } });
            Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 2, Long));
            int mine = b.Wait(Long);
            foreach (Thread t in threads)
            {
                t.Join();
            }

            indices.Add(mine);
            Assert.Equal([0, 1, 2], indices.Order());
            Assert.Equal(pass, actions);
        }
    }

    [Fact]
    public void A_barrier_of_one_passes_at_once()
    {
        int actions = 0;
        using ProcessBarrier b = new(1, () => actions++);
        Assert.Equal(0, b.Wait());
        Assert.Equal(0, b.Wait());
        Assert.Equal(2, actions);
    }

    [Fact]
    public void A_timeout_breaks_it_for_everyone()
    {
        using ProcessBarrier b = new(3);
        Exception? other = null;
        Thread[] threads = StartWaiters(b, 1, (_, ex) => other = ex);
        Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 1, Long));
        Assert.Throws<BrokenBarrierException>(() => b.Wait(TimeSpan.FromMilliseconds(50)));
        threads[0].Join();
        Assert.IsType<BrokenBarrierException>(other);
        Assert.True(b.IsBroken);
        Assert.Throws<BrokenBarrierException>(() => b.Wait(Long));
    }

    [Fact]
    public void The_default_timeout_applies()
    {
        using ProcessBarrier b = new(2, timeout: TimeSpan.FromMilliseconds(50));
        Assert.Throws<BrokenBarrierException>(() => b.Wait());
        Assert.True(b.IsBroken);
    }

    [Fact]
    public void Abort_breaks_current_waiters_and_reset_repairs_it()
    {
        using ProcessBarrier b = new(2);
        Exception? waiterError = null;
        Thread[] threads = StartWaiters(b, 1, (_, ex) => waiterError = ex);
        Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 1, Long));
        b.Abort();
        threads[0].Join();
        Assert.IsType<BrokenBarrierException>(waiterError);
        Assert.True(b.IsBroken);
        b.Reset();
        Assert.False(b.IsBroken);
        int index = -1;
        threads = StartWaiters(b, 1, (i, _) => index = i);
        int mine = b.Wait(Long);
        threads[0].Join();
        Assert.Equal(1, index + mine);
    }

    [Fact]
    public void Reset_while_waiting_breaks_the_waiters_then_it_is_usable()
    {
        using ProcessBarrier b = new(3);
        List<Exception?> errors = [];
        Thread[] threads = StartWaiters(b, 2, (_, ex) => { lock (errors) { errors.Add(ex); } });
        Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 2, Long));
        b.Reset();
        foreach (Thread t in threads)
        {
            t.Join();
        }

        Assert.All(errors, e => Assert.IsType<BrokenBarrierException>(e));
        Assert.False(b.IsBroken);
        threads = StartWaiters(b, 2, (_, ex) => Assert.Null(ex));
        b.Wait(Long);
        foreach (Thread t in threads)
        {
            t.Join();
        }
    }

    [Fact]
    public void A_throwing_action_breaks_the_barrier()
    {
        using ProcessBarrier b = new(1, () => throw new InvalidOperationException("boom"));
        Assert.Throws<InvalidOperationException>(() => b.Wait());
        Assert.True(b.IsBroken);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessBarrier(0));
    }

    [Fact]
    public async Task Async_waits_mix_with_sync_ones_and_get_distinct_indices()
    {
        int actions = 0;
        using ProcessBarrier b = new(4, () => Interlocked.Increment(ref actions));
        Task<int>[] waits = [.. Enumerable.Range(0, 3).Select(_ => WireRoundTrip.Remap(b).WaitAsync(Long))];
        Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 3, Long));
        int mine = b.Wait(Long);
        int[] indices = [mine, .. await Task.WhenAll(waits).WaitAsync(Long)];
        Assert.Equal([0, 1, 2, 3], indices.Order());
        Assert.Equal(1, actions);
        Assert.Equal(0, await new ProcessBarrier(1).WaitAsync());
    }

    [Fact]
    public async Task An_already_cancelled_async_wait_does_not_arrive()
    {
        using ProcessBarrier b = new(2);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.WaitAsync(null, new CancellationToken(canceled: true)));
        Assert.Equal(0, b.WaitingCount);
        Assert.False(b.IsBroken);
    }

    [Fact]
    public async Task An_async_wait_on_a_broken_barrier_throws_and_abort_breaks_async_waiters()
    {
        using ProcessBarrier b = new(3);
        Task<int> waiting = b.WaitAsync(Long);
        Assert.True(SpinWait.SpinUntil(() => b.WaitingCount == 1, Long));
        b.Abort();
        await Assert.ThrowsAsync<BrokenBarrierException>(() => waiting);
        await Assert.ThrowsAsync<BrokenBarrierException>(() => b.WaitAsync(Long));
        b.Reset();
        Assert.False(b.IsBroken);
    }
}
