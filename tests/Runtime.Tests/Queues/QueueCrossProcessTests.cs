using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;

namespace Multiproc.Tests.Queues;

/// <summary>Queues shared with real child processes started through the generated <c>Spawn</c> API.</summary>
public sealed class QueueCrossProcessTests : ChildProcessTest
{
    [Fact]
    public void ProducersAndConsumers_InChildren_DeliverEveryItemOnceAndPerProducerInOrder()
    {
        const int producers = 3, consumers = 2, perProducer = 5000;
        using var q = new ProcessQueue<long>(maxSize: 500);
        Process<long[]>[] consumerProcesses = Enumerable.Range(0, consumers).Select(_ => Spawn.ConsumeUntilSentinel(q)).ToArray();
        Process[] producerProcesses = Enumerable.Range(0, producers).Select(p => Spawn.Produce(q, p, perProducer)).ToArray();
        foreach (Process p in producerProcesses)
        {
            Assert.True(p.Join(Patience));
            Assert.Equal(0, p.ExitCode);
        }

        for (int c = 0; c < consumers; c++)
        {
            q.Put(-1);
        }

        long[][] received = consumerProcesses.Select(c => c.GetResult()).ToArray();
        long[] expected = Enumerable.Range(0, producers).SelectMany(p => Enumerable.Range(0, perProducer).Select(i => ((long)p << 32) | (uint)i)).Order().ToArray();
        Assert.Equal(expected, received.SelectMany(r => r).Order().ToArray());
        foreach (long[] list in received)
        {
            foreach (IGrouping<long, long> byProducer in list.GroupBy(x => x >> 32))
            {
                long[] sequence = byProducer.Select(x => x & 0xFFFFFFFF).ToArray();
                Assert.True(sequence.SequenceEqual(sequence.Order()), $"producer {byProducer.Key}'s items arrived out of order");
            }
        }

        foreach (Process<long[]> c in consumerProcesses)
        {
            c.Join(Patience);
        }
    }

    [Fact]
    public void TryGetAndTryPut_ReturnFalseInsteadOfThrowing_AndTakeWhatAChildPuts()
    {
        using var go = new ProcessQueue<int>();
        using var q = new ProcessQueue<int>(maxSize: 1);
        Assert.False(q.TryGet(out _));
        Assert.False(q.TryGet(out _, TimeSpan.FromMilliseconds(20)));
        Assert.True(q.IsEmpty);
        Process child = Spawn.PutWhenTold(go, q, 42);
        Assert.True(go.TryPut(1));
        Assert.True(q.TryGet(out int item, Patience));
        Assert.Equal(42, item);
        Assert.True(child.Join(Patience));
        Assert.Equal(0, child.ExitCode);

        Assert.True(q.TryPut(7));
        Assert.True(q.IsFull);
        Assert.Equal(1, q.Count);
        Assert.False(q.TryPut(8));
        Assert.False(q.TryPut(8, TimeSpan.FromMilliseconds(20)));
        Assert.True(q.TryGet(out item));
        Assert.Equal(7, item);
        q.Close();
        Assert.Throws<ObjectDisposedException>(() => q.TryGet(out _));
        Assert.Throws<ObjectDisposedException>(() => q.TryPut(1));
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData(16 << 20)]
    public void LargeItems_TravelBothWays(int size)
    {
        using var input = new ProcessQueue<byte[]>();
        using var output = new ProcessQueue<byte[]>();
        byte[] item = new byte[size];
        new Random(size).NextBytes(item);
        Process child = Spawn.ReverseBytes(input, output);
        input.Put(item);
        byte[] back = output.Get(Patience);
        Array.Reverse(back);
        Assert.Equal(item, back);
        Assert.True(child.Join(Patience));
        Assert.Equal(0, child.ExitCode);
    }

    /// <summary>
    /// Python's trap: a child that put a large item cannot exit until it is read, so joining it first deadlocks.
    /// Here Put returns once the item is in shared memory, so the join returns before anything is read.
    /// </summary>
    [Theory]
    [InlineData(1 << 20, 3)]
    [InlineData(16 << 20, 2)]
    public void ChildThatPutLargeItems_CanBeJoinedBeforeTheyAreRead(int size, int count)
    {
        using var q = new ProcessQueue<byte[]>();
        Process child = Spawn.PutBytes(q, size, count, 0x5A);
        Assert.True(child.Join(Patience), "the producer could not exit before its items were read");
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(count, q.Count);
        for (int i = 0; i < count; i++)
        {
            byte[] item = q.Get(Patience);
            Assert.Equal(size, item.Length);
            Assert.True(item.AsSpan().IndexOfAnyExcept((byte)0x5A) < 0);
        }
    }

    [Fact]
    public void MaxSize_BlocksAChildProducerUntilTheParentGets()
    {
        using var q = new ProcessQueue<long>(maxSize: 2);
        Process child = Spawn.Produce(q, 0, 10);
        WaitUntil(() => q.IsFull, "the child to fill the queue");
        Assert.True(child.IsAlive, "the child finished although the queue holds only 2 of its 10 items");
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(i, q.Get(Patience));
        }

        Assert.True(child.Join(Patience));
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public void ChildClosingItsHandle_GetsClearErrors_ParentHandleKeepsWorking()
    {
        using var q = new ProcessQueue<int>();
        string messages = Spawn.UseAfterClose(q).GetResult();
        Assert.Equal(2, messages.Split('|').Count(m => m.Contains("closed")));
        q.Put(1);
        Assert.Equal(1, q.Get(Patience));
    }

    [Fact]
    public void JoinableQueue_WorkersInChildren_JoinReturnsWhenAllDone()
    {
        using var tasks = new JoinableProcessQueue<int>();
        using var results = new ProcessQueue<int>();
        Process[] workers = [Spawn.SquareTasks(tasks, results), Spawn.SquareTasks(tasks, results)];
        for (int i = 1; i <= 100; i++)
        {
            tasks.Put(i);
        }

        tasks.Put(-1);
        tasks.Put(-1);
        Assert.True(tasks.Join(Patience), "Join did not return although the workers marked every task done");
        Assert.Equal(0, tasks.UnfinishedTasks);
        int[] squares = Enumerable.Range(0, 100).Select(_ => results.Get(Patience)).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i * i), squares);
        foreach (Process w in workers)
        {
            Assert.True(w.Join(Patience));
            Assert.Equal(0, w.ExitCode);
        }
    }

    [Fact]
    public async Task GetAsync_CancelledThenCompletedByAChild()
    {
        using var go = new ProcessQueue<int>();
        using var q = new ProcessQueue<int>();
        Process child = Spawn.PutWhenTold(go, q, 5);
        using (var cts = new CancellationTokenSource())
        {
            ValueTask<int> cancelled = q.GetAsync(cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
        }

        ValueTask<int> pending = q.GetAsync();
        go.Put(1);
        Assert.Equal(5, await pending.AsTask().WaitAsync(Patience));
        await child.JoinAsync().WaitAsync(Patience);
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public void ChildKilledInsidePut_HoldingTheLock_QueueStaysUsableAndNothingLeaks()
    {
        using var q = new ProcessQueue<int>(maxSize: 1);
        Process child = Spawn.PutForever(q);
        WaitUntil(() => q.IsFull, "the child to fill the queue and block in its next Put, holding the producers' lock");
        child.Kill();
        Assert.True(child.Join(Patience));
        Assert.Equal(-9, child.ExitCode);
        Assert.Equal(0, q.Get(Patience));
        q.Put(100, Patience);
        Assert.Equal(100, q.Get(Patience));
        Assert.True(q.IsEmpty);
    }

    [Fact]
    public void CreatorKilled_ItsQueueAndSpillFilesAreReaped()
    {
        using var names = new ProcessQueue<string>();
        Process child = Spawn.CreateQueueAndHang(names);
        string name = names.Get(Patience).Split(' ')[1];
        Assert.StartsWith("mp_q_", name);
        Assert.Equal(2, QueueHandles.SegmentFiles().Count(f => Path.GetFileName(f).StartsWith(name, StringComparison.Ordinal)));
        child.Kill();
        Assert.True(child.Join(Patience));
        Assert.True(SegmentRegistry.ReapStale() >= 2);
        Assert.DoesNotContain(QueueHandles.SegmentFiles(), f => Path.GetFileName(f).StartsWith(name, StringComparison.Ordinal));
    }

    [Fact]
    public void SimpleQueue_ChildPuts_ParentGets()
    {
        using var q = new SimpleProcessQueue<string>();
        Process child = Spawn.PutSimple(q, "from the child");
        Assert.Equal("from the child", q.Get());
        Assert.True(child.Join(Patience));
    }
}
