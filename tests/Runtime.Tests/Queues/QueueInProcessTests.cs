using System.Diagnostics;
using Multiproc.Serialization;
using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Queues;

/// <summary>Queue semantics within one process: threads, and two attachments of the same segment.</summary>
public sealed class QueueInProcessTests : ChildProcessTest
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void PutGet_ReturnsItemsInOrder()
    {
        using var q = new ProcessQueue<string>();
        for (int i = 0; i < 1000; i++)
        {
            q.Put("item " + i);
        }

        Assert.Equal(1000, q.Count);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal("item " + i, q.Get());
        }

        Assert.True(q.IsEmpty);
    }

    [Fact]
    public void SecondAttachment_SeesItemsOfTheFirst()
    {
        using var q = new ProcessQueue<int>();
        using ProcessQueue<int> other = QueueHandles.Reattach(q);
        q.Put(1);
        q.Put(2);
        Assert.Equal(2, other.Count);
        Assert.Equal(1, other.Get());
        other.Put(3);
        Assert.Equal(2, q.Get());
        Assert.Equal(3, q.Get());
    }

    [Fact]
    public void MaxSize_IsFullAndCount()
    {
        using var q = new ProcessQueue<int>(maxSize: 2);
        Assert.Equal(2, q.MaxSize);
        Assert.True(q.IsEmpty);
        Assert.False(q.IsFull);
        q.Put(1);
        q.PutNoWait(2);
        Assert.True(q.IsFull);
        Assert.Equal(2, q.Count);
        Assert.Throws<QueueFullException>(() => q.PutNoWait(3));
        Assert.Throws<QueueFullException>(() => q.Put(3, block: false));
        Assert.Equal(1, q.GetNoWait());
        Assert.False(q.IsFull);
    }

    [Fact]
    public void NonBlockingGet_OnEmptyQueue_ThrowsEmptyAtOnce()
    {
        using var q = new ProcessQueue<int>();
        Assert.Throws<QueueEmptyException>(() => q.GetNoWait());
        Assert.Throws<QueueEmptyException>(() => q.Get(block: false, timeout: TimeSpan.FromHours(1)));
    }

    [Fact]
    public void GetWithTimeout_OnEmptyQueue_ThrowsEmptyAfterTheTimeout()
    {
        using var q = new ProcessQueue<int>();
        var watch = Stopwatch.StartNew();
        Assert.Throws<QueueEmptyException>(() => q.Get(Short));
        Assert.True(watch.Elapsed >= Short - TimeSpan.FromMilliseconds(5), $"returned after {watch.Elapsed}");
    }

    [Fact]
    public void PutWithTimeout_OnFullQueue_ThrowsFullAfterTheTimeout()
    {
        using var q = new ProcessQueue<int>(maxSize: 1);
        q.Put(1);
        var watch = Stopwatch.StartNew();
        Assert.Throws<QueueFullException>(() => q.Put(2, Short));
        Assert.True(watch.Elapsed >= Short - TimeSpan.FromMilliseconds(5), $"returned after {watch.Elapsed}");
        Assert.Equal(1, q.Count);
    }

    [Fact]
    public void NegativeTimeout_IsRejected()
    {
        using var q = new ProcessQueue<int>();
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Get(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Put(1, TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task BlockedPut_ProceedsWhenAConsumerTakesAnItem()
    {
        using var q = new ProcessQueue<int>(maxSize: 1);
        q.Put(1);
        var putting = new ManualResetEventSlim();
        Task producer = Task.Factory.StartNew(() =>
        {
            putting.Set();
            q.Put(2);
        }, TaskCreationOptions.LongRunning);
        Assert.True(putting.Wait(Patience));
        Assert.Equal(1, q.Get(Patience));
        await producer.WaitAsync(Patience);
        Assert.Equal(2, q.Get(Patience));
    }

    [Fact]
    public async Task BlockedGet_ReturnsAnItemPutLater()
    {
        using var q = new ProcessQueue<int>();
        Task<int> consumer = Task.Factory.StartNew(() => q.Get(Patience), TaskCreationOptions.LongRunning);
        q.Put(42);
        await consumer.WaitAsync(Patience);
        Assert.Equal(42, await consumer);
    }

    [Fact]
    public async Task ManyProducersAndConsumers_OnTwoAttachments_DeliverEveryItemOncePerProducerInOrder()
    {
        const int producers = 4, consumers = 3, perProducer = 20_000;
        using var q = new ProcessQueue<long>(maxSize: 100, bufferSize: 64 * 1024);
        using ProcessQueue<long> other = QueueHandles.Reattach(q);
        var received = new List<long>[consumers];
        Task[] consumerTasks = Enumerable.Range(0, consumers).Select(c => Task.Factory.StartNew(() =>
        {
            ProcessQueue<long> handle = c % 2 == 0 ? q : other;
            var mine = received[c] = [];
            while (true)
            {
                long item = handle.Get(Patience);
                if (item < 0)
                {
                    return;
                }

                mine.Add(item);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task[] producerTasks = Enumerable.Range(0, producers).Select(p => Task.Factory.StartNew(() =>
        {
            ProcessQueue<long> handle = p % 2 == 0 ? other : q;
            for (int i = 0; i < perProducer; i++)
            {
                handle.Put(((long)p << 32) | (uint)i, Patience);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(producerTasks).WaitAsync(Patience);
        for (int c = 0; c < consumers; c++)
        {
            q.Put(-1);
        }

        await Task.WhenAll(consumerTasks).WaitAsync(Patience);
        long[] all = received.SelectMany(r => r).Order().ToArray();
        long[] expected = Enumerable.Range(0, producers).SelectMany(p => Enumerable.Range(0, perProducer).Select(i => ((long)p << 32) | (uint)i)).Order().ToArray();
        Assert.Equal(expected, all);
        foreach (List<long> list in received)
        {
            foreach (IGrouping<long, long> byProducer in list.GroupBy(x => x >> 32))
            {
                long[] sequence = byProducer.Select(x => x & 0xFFFFFFFF).ToArray();
                Assert.True(sequence.SequenceEqual(sequence.Order()), $"producer {byProducer.Key}'s items arrived out of order");
            }
        }
    }

    [Fact]
    public async Task ItemsOfMixedSizes_WrapAroundASmallRing()
    {
        using var q = new ProcessQueue<byte[]>(maxSize: 0, bufferSize: 64 * 1024);
        using ProcessQueue<byte[]> other = QueueHandles.Reattach(q);
        var random = new Random(7);
        Task consumer = Task.Factory.StartNew(() =>
        {
            var check = new Random(7);
            for (int i = 0; i < 3000; i++)
            {
                byte[] item = other.Get(Patience);
                int size = check.Next(0, 40_000);
                Assert.Equal(size, item.Length);
                Assert.True(item.AsSpan().IndexOfAnyExcept((byte)(i % 251)) < 0, $"item {i} is damaged");
            }
        }, TaskCreationOptions.LongRunning);
        for (int i = 0; i < 3000; i++)
        {
            byte[] item = new byte[random.Next(0, 40_000)];
            item.AsSpan().Fill((byte)(i % 251));
            q.Put(item, Patience);
        }

        await consumer.WaitAsync(Patience);
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData(16 << 20)]
    public void LargeItems_RoundTripIntact(int size)
    {
        using var q = new ProcessQueue<byte[]>();
        using ProcessQueue<byte[]> other = QueueHandles.Reattach(q);
        byte[] item = new byte[size];
        new Random(size).NextBytes(item);
        q.Put(item);
        q.Put([1, 2, 3]);
        Assert.Equal(item, other.Get(Patience));
        Assert.Equal(new byte[] { 1, 2, 3 }, other.Get(Patience));
    }

    [Fact]
    public void LargerThanTheRing_IsSpilledAndPutReturnsWithoutAConsumer()
    {
        using var q = new ProcessQueue<byte[]>(0, 64 * 1024);
        q.Put(new byte[1 << 20]);
        q.Put(new byte[1 << 20]);
        Assert.Equal(2, q.Count);
        Assert.Equal(1 << 20, q.Get().Length);
    }

    [Fact]
    public void ClosedHandle_RefusesPutAndGet()
    {
        var q = new ProcessQueue<int>();
        q.Put(1);
        q.Close();
        var put = Assert.Throws<ObjectDisposedException>(() => q.Put(2));
        Assert.Contains("closed", put.Message);
        Assert.Throws<ObjectDisposedException>(() => q.Get());
        Assert.Throws<ObjectDisposedException>(() => q.GetNoWait());
        q.Close();
    }

    [Fact]
    public async Task Close_EndsAGetBlockedOnAnotherThread()
    {
        var q = new ProcessQueue<int>();
        var started = new ManualResetEventSlim();
        Task<Exception?> consumer = Task.Factory.StartNew(() =>
        {
            started.Set();
            try
            {
                q.Get();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }, TaskCreationOptions.LongRunning);
        Assert.True(started.Wait(Patience));
        q.Close();
        await consumer.WaitAsync(Patience);
        Assert.IsType<ObjectDisposedException>(await consumer);
    }

    [Fact]
    public void CreatorClose_RemovesTheSegment_AttachedHandlesKeepWorking()
    {
        var q = new ProcessQueue<int>();
        ProcessQueue<int> other = QueueHandles.Reattach(q);
        string name = "/dev/shm/" + q.SegmentName;
        Assert.True(File.Exists(name));
        q.Put(5);
        q.Close();
        Assert.False(File.Exists(name));
        Assert.Equal(5, other.Get());
        other.Put(6);
        Assert.Equal(6, other.Get());
        other.Close();
    }

    [Fact]
    public void Attach_AfterTheCreatorClosed_SaysTheQueueIsGone()
    {
        var q = new ProcessQueue<int>();
        var writer = new WireWriter();
        WireSerializable.Write(ref writer, q);
        byte[] bytes = writer.ToArray();
        writer.Dispose();
        q.Close();
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            var reader = new WireReader(bytes);
            return WireSerializable.Read<ProcessQueue<int>>(ref reader);
        });
        Assert.Contains("no longer exists", e.Message);
    }

    [Fact]
    public void Attach_ToAForgedName_IsAWireFormatError()
    {
        var writer = new WireWriter();
        writer.WriteString("../../etc/passwd");
        byte[] bytes = writer.ToArray();
        writer.Dispose();
        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(bytes);
            return WireSerializable.Read<ProcessQueue<int>>(ref reader);
        });
    }

    [Fact]
    public void SpilledItemsLeftInAClosedQueue_AreRemoved()
    {
        var q = new ProcessQueue<byte[]>(0, 64 * 1024);
        q.Put(new byte[200_000]);
        Assert.Equal(2, QueueHandles.SegmentFiles().Count(f => Path.GetFileName(f).StartsWith(q.SegmentName, StringComparison.Ordinal)));
        q.Close();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void SegmentAndSpillFiles_AreReadableByThisUserOnly()
    {
        using var q = new ProcessQueue<byte[]>(0, 64 * 1024);
        q.Put(new byte[100_000]);
        string[] files = QueueHandles.SegmentFiles().Where(f => Path.GetFileName(f).StartsWith(q.SegmentName, StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void ModuleFactories_CreateTheThreeKinds()
    {
        using ProcessQueue<int> q = Multiprocessing.Queue<int>(3);
        using JoinableProcessQueue<int> j = Multiprocessing.JoinableQueue<int>();
        using SimpleProcessQueue<int> s = Multiprocessing.SimpleQueue<int>();
        Assert.Equal(3, q.MaxSize);
        j.Put(1);
        Assert.Equal(1, j.UnfinishedTasks);
        s.Put(2);
        Assert.Equal(2, s.Get());
    }

    [Fact]
    public void SimpleQueue_PutGetEmpty()
    {
        using var q = new SimpleProcessQueue<string>();
        Assert.True(q.IsEmpty);
        q.Put("a");
        Assert.False(q.IsEmpty);
        using SimpleProcessQueue<string> other = QueueHandles.Reattach(q);
        Assert.Equal("a", other.Get());
        Assert.True(q.IsEmpty);
    }
}
