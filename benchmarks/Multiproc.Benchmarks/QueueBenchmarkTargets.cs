using System.Diagnostics;

namespace Multiproc.Benchmarks;

/// <summary>
/// The producer and consumer children of <c>queue_throughput</c>, shaped like mp_bench.py's <c>queue_producer</c> and
/// <c>queue_consumer</c>: both wait for the parent's go, the producer reports when it started putting, the consumer
/// when it got the last item (Stopwatch timestamps are CLOCK_MONOTONIC, comparable across processes).
/// </summary>
public static class QueueBenchmarkTargets
{
    [ProcessTarget]
    public static void QueueIntProducer(ProcessQueue<int> go, ProcessQueue<long> queue, ProcessQueue<long> times, int count)
    {
        go.Get();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            queue.Put(i);
        }

        times.Put(start);
    }

    [ProcessTarget]
    public static long QueueIntConsumer(ProcessQueue<int> go, ProcessQueue<long> queue, ProcessQueue<long> times, int count)
    {
        go.Get();
        long last = -1;
        for (int i = 0; i < count; i++)
        {
            last = queue.Get();
        }

        times.Put(Stopwatch.GetTimestamp());
        return last;
    }

    [ProcessTarget]
    public static void QueueBytesProducer(ProcessQueue<int> go, ProcessQueue<byte[]> queue, ProcessQueue<long> times, int count, int size)
    {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++)
        {
            payload[i] = (byte)i;
        }

        go.Get();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            queue.Put(payload);
        }

        times.Put(start);
    }

    [ProcessTarget]
    public static int QueueBytesConsumer(ProcessQueue<int> go, ProcessQueue<byte[]> queue, ProcessQueue<long> times, int count)
    {
        go.Get();
        int last = -1;
        for (int i = 0; i < count; i++)
        {
            last = queue.Get().Length;
        }

        times.Put(Stopwatch.GetTimestamp());
        return last;
    }
}
