using Xunit;

namespace Multiproc.Tests.SharedState;

public class ProcessRLockTests
{
    [Fact]
    public void The_owner_may_acquire_again_and_must_release_as_often()
    {
        using ProcessRLock l = new();
        using ProcessRLock other = WireRoundTrip.Remap(l);
        Assert.True(l.Acquire());
        Assert.True(l.Acquire(blocking: false));
        Assert.Equal(2, other.RecursionCount);
        l.Release();
        Assert.Equal(Environment.ProcessId, other.OwnerPid);
        l.Release();
        Assert.Equal(0, other.OwnerPid);
    }

    [Fact]
    public void Another_thread_cannot_acquire_or_release_it()
    {
        using ProcessRLock l = new();
        l.Acquire();
        bool acquired = true;
        Exception? releaseError = null;
        Thread t = new(() =>
        {
            acquired = l.Acquire(timeout: TimeSpan.FromMilliseconds(50));
            try
            {
                l.Release();
            }
            catch (Exception ex)
            {
                releaseError = ex;
            }
        });
        t.Start();
        t.Join();
        Assert.False(acquired);
        Assert.IsType<InvalidOperationException>(releaseError);
        l.Release();
    }

    [Fact]
    public void Releasing_an_unowned_rlock_is_an_error()
    {
        using ProcessRLock l = new();
        Assert.Throws<InvalidOperationException>(l.Release);
    }

    [Fact]
    public void An_rlock_held_by_a_dead_process_is_recovered_with_count_one()
    {
        using ProcessRLock l = new();
        l.ForceOwner(WireRoundTrip.DeadPid(), 0);
        Assert.Throws<AbandonedLockException>(() => l.Acquire(timeout: TimeSpan.FromSeconds(30)));
        Assert.True(l.IsOwnedByCurrentThread);
        Assert.Equal(1, l.RecursionCount);
        l.Release();
        Assert.Equal(0, l.OwnerPid);
    }
}
