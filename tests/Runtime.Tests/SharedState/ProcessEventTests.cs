using Xunit;

namespace Multiproc.Tests.SharedState;

public class ProcessEventTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public void Set_clear_is_set_and_wait_with_timeout()
    {
        using ProcessEvent e = new();
        using ProcessEvent other = WireRoundTrip.Remap(e);
        Assert.False(e.IsSet);
        Assert.False(e.Wait(TimeSpan.FromMilliseconds(50)));
        other.Set();
        Assert.True(e.IsSet);
        Assert.True(e.Wait(TimeSpan.Zero));
        Assert.True(e.Wait());
        e.Clear();
        Assert.False(other.IsSet);
    }

    [Fact]
    public void Set_wakes_every_waiter_in_every_mapping()
    {
        using ProcessEvent e = new();
        using CountdownEvent started = new(4);
        int woken = 0;
        Thread[] threads = [.. Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            using ProcessEvent mine = WireRoundTrip.Remap(e);
            started.Signal();
            if (mine.Wait(Long))
            {
                Interlocked.Increment(ref woken);
            }
        }))];
        foreach (Thread t in threads)
        {
            t.Start();
        }

        started.Wait();
        e.Set();
        foreach (Thread t in threads)
        {
            t.Join();
        }

        Assert.Equal(4, woken);
    }

    [Fact]
    public async Task WaitAsync_completes_on_set_times_out_and_cancels()
    {
        using ProcessEvent e = new();
        Assert.False(await e.WaitAsync(TimeSpan.FromMilliseconds(50)));
        using CancellationTokenSource cts = new();
        Task<bool> cancelled = e.WaitAsync(null, cts.Token);
        Task<bool> a = e.WaitAsync(Long);
        Task<bool> b = e.WaitAsync();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        e.Set();
        Assert.True(await a.WaitAsync(Long));
        Assert.True(await b.WaitAsync(Long));
        Assert.True(await e.WaitAsync());
    }
}
