using Multiproc.Serialization;
using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Queues;

public sealed class JoinableQueueInProcessTests : ChildProcessTest
{
    [Fact]
    public void TaskDone_MoreTimesThanItems_Throws()
    {
        using var q = new JoinableProcessQueue<int>();
        q.Put(1);
        q.Get();
        q.TaskDone();
        var e = Assert.Throws<InvalidOperationException>(() => q.TaskDone());
        Assert.Contains("too many", e.Message);
    }

    [Fact]
    public async Task Join_ReturnsOnceEveryItemIsDone()
    {
        using var q = new JoinableProcessQueue<int>();
        using JoinableProcessQueue<int> worker = QueueHandles.Reattach(q);
        for (int i = 0; i < 100; i++)
        {
            q.Put(i);
        }

        Assert.Equal(100, q.UnfinishedTasks);
        Assert.False(q.Join(TimeSpan.FromMilliseconds(50)));
        var release = new ManualResetEventSlim();
        Task consumer = Task.Factory.StartNew(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                worker.Get(Patience);
                if (i == 99)
                {
                    Assert.True(release.Wait(Patience));
                }

                worker.TaskDone();
            }
        }, TaskCreationOptions.LongRunning);
        Task joiner = Task.Factory.StartNew(() => q.Join(), TaskCreationOptions.LongRunning);
        await Task.Delay(50);
        Assert.False(joiner.IsCompleted);
        release.Set();
        await joiner.WaitAsync(Patience);
        await consumer.WaitAsync(Patience);
        Assert.Equal(0, q.UnfinishedTasks);
    }

    [Fact]
    public void Join_OnAnEmptyQueue_ReturnsAtOnce()
    {
        using var q = new JoinableProcessQueue<int>();
        q.Join();
    }

    [Fact]
    public void PlainQueueSegment_CannotBeDecodedAsJoinable()
    {
        using var q = new ProcessQueue<int>();
        var writer = new WireWriter();
        WireSerializable.Write(ref writer, q);
        byte[] bytes = writer.ToArray();
        writer.Dispose();
        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(bytes);
            return WireSerializable.Read<JoinableProcessQueue<int>>(ref reader);
        });
    }
}
