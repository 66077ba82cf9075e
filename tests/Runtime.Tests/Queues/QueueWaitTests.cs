using System.Diagnostics;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;

namespace Multiproc.Tests.Queues;

/// <summary><see cref="Multiprocessing.Wait{T}"/> over queue readers, alone and mixed with connections and sentinels.</summary>
public sealed class QueueWaitTests : ChildProcessTest
{
    [Fact]
    public void Wait_ReturnsTheQueueAChildPutAnItemOn()
    {
        using var go = new ProcessQueue<int>();
        using var queue = new ProcessQueue<int>();
        using var idle = new ProcessQueue<int>();
        Process child = Spawn.PutWhenTold(go, queue, 7);
        Assert.Empty(Multiprocessing.Wait([queue, idle], TimeSpan.Zero));

        go.Put(1);
        Assert.Equal([queue], Multiprocessing.Wait([idle, queue], Patience));
        Assert.Equal(7, queue.GetNoWait());
        Assert.True(child.Join(Patience));
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public void Wait_ReturnsASimpleQueueAChildPutAnItemOn()
    {
        using var queue = new SimpleProcessQueue<string>();
        Process child = Spawn.PutSimple(queue, "ready");
        Assert.Equal([queue], Multiprocessing.Wait([queue], Patience));
        Assert.Equal("ready", queue.Get());
        Assert.True(child.Join(Patience));
    }

    [Fact]
    public void Wait_OnEmptyQueues_TimesOutWithAnEmptyList()
    {
        using var plain = new ProcessQueue<int>();
        using var joinable = new JoinableProcessQueue<int>();
        using var simple = new SimpleProcessQueue<string>();
        object[] queues = [plain, joinable, simple];
        Assert.Empty(Multiprocessing.Wait(queues, TimeSpan.Zero));

        long t0 = Stopwatch.GetTimestamp();
        Assert.Empty(Multiprocessing.Wait(queues, TimeSpan.FromMilliseconds(60)));
        Assert.True(Stopwatch.GetElapsedTime(t0) >= TimeSpan.FromMilliseconds(50), "Wait returned before its timeout");

        joinable.Put(1);
        Assert.Equal([joinable], Multiprocessing.Wait(queues, TimeSpan.Zero));
        joinable.Get();
        Assert.Empty(Multiprocessing.Wait(queues, TimeSpan.Zero));
    }

    [Fact]
    public void Wait_OverAQueueAConnectionAndASentinel_ReportsEachAsItBecomesReady()
    {
        using var go = new ProcessQueue<int>();
        using var queue = new ProcessQueue<int>();
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            Process child = Spawn.PutWhenTold(go, queue, 9);
            object[] objects = [queue, a, child.Sentinel];
            Assert.Empty(Multiprocessing.Wait(objects, TimeSpan.Zero));

            b.Send("message");
            Assert.Equal([a], Multiprocessing.Wait(objects, Patience));
            Assert.Equal("message", a.Recv<string>());

            go.Put(1); // the child puts 9 and exits
            Assert.Contains(queue, Multiprocessing.Wait(objects, Patience));
            Assert.True(child.Join(Patience));
            Assert.Equal([queue, child.Sentinel], Multiprocessing.Wait(objects, Patience));

            Assert.Equal(9, queue.GetNoWait());
            Assert.Equal([child.Sentinel], Multiprocessing.Wait(objects, Patience));
        }
    }

    [Fact]
    public void Wait_OnAClosedQueue_ThrowsObjectDisposed()
    {
        var queue = new ProcessQueue<int>();
        queue.Close();
        Assert.Throws<ObjectDisposedException>(() => Multiprocessing.Wait([queue], TimeSpan.Zero));
    }
}
