using Xunit;

namespace Multiproc.Tests.SharedState;

public class ProcessSemaphoreTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public void Counts_down_and_up()
    {
        using ProcessSemaphore s = new(2);
        using ProcessSemaphore other = WireRoundTrip.Remap(s);
        Assert.True(s.Acquire());
        Assert.True(other.Acquire());
        Assert.False(s.Acquire(blocking: false));
        Assert.False(s.Acquire(timeout: TimeSpan.FromMilliseconds(50)));
        Assert.Equal(0, other.Value);
        other.Release();
        Assert.Equal(1, s.Value);
        s.Release(3);
        Assert.Equal(4, s.Value);
    }

    [Fact]
    public void A_waiter_is_woken_by_a_release_from_another_mapping()
    {
        using ProcessSemaphore s = new(0);
        using ProcessSemaphore other = WireRoundTrip.Remap(s);
        bool got = false;
        Thread t = new(() => got = other.Acquire(timeout: Long));
        t.Start();
        s.Release();
        t.Join();
        Assert.True(got);
        Assert.Equal(0, s.Value);
    }

    [Fact]
    public void Negative_value_is_an_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessSemaphore(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessBoundedSemaphore(-1));
    }

    [Fact]
    public void Over_releasing_a_bounded_semaphore_is_an_error()
    {
        using ProcessBoundedSemaphore s = new(2);
        using ProcessBoundedSemaphore other = WireRoundTrip.Remap(s);
        Assert.Throws<SemaphoreFullException>(() => s.Release());
        Assert.True(s.Acquire());
        other.Release();
        Assert.Throws<SemaphoreFullException>(() => other.Release());
        Assert.Equal(2, s.Value);

        using ProcessBoundedSemaphore zero = new(0);
        Assert.Throws<SemaphoreFullException>(() => zero.Release());
    }

    [Fact]
    public async Task AcquireAsync_waits_times_out_and_cancels()
    {
        using ProcessSemaphore s = new(0);
        Assert.False(await s.AcquireAsync(TimeSpan.FromMilliseconds(50)));
        Task<bool> first = s.AcquireAsync(Long);
        Task<bool> second = s.AcquireAsync(Long);
        s.Release(2);
        Assert.True(await first.WaitAsync(Long));
        Assert.True(await second.WaitAsync(Long));
        using CancellationTokenSource cts = new();
        Task<bool> cancelled = s.AcquireAsync(null, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        s.Release();
        Assert.True(await s.AcquireAsync(Long));
    }

    [Fact]
    public async Task Bounded_AcquireAsync_works()
    {
        using ProcessBoundedSemaphore s = new(1);
        Assert.True(await s.AcquireAsync());
        Task<bool> pending = s.AcquireAsync(Long);
        s.Release();
        Assert.True(await pending.WaitAsync(Long));
    }
}
