using System.Diagnostics;

namespace Multiproc.Benchmarks;

/// <summary>
/// <c>queue_throughput</c>, the counterpart of mp_bench.py's: a producer process puts, a consumer process gets;
/// the time runs from the producer's first put to the consumer's last get.
/// </summary>
internal static class QueueBenchmarks
{
    public static void Throughput()
    {
        const int smallCount = 200_000;
        double seconds = Run(smallCount, 0);
        BenchmarkCommands.Emit("queue_smallint_200k", smallCount / seconds, "msgs/s");

        const int kibCount = 50_000;
        seconds = Run(kibCount, 1024);
        BenchmarkCommands.Emit("queue_1KiB_msgs", kibCount / seconds, "msgs/s");
        BenchmarkCommands.Emit("queue_1KiB_bw", kibCount * 1024.0 / seconds / 1e6, "MB/s");

        const int mibCount = 400;
        seconds = Run(mibCount, 1 << 20);
        BenchmarkCommands.Emit("queue_1MiB_bw", mibCount * (double)(1 << 20) / seconds / 1e6, "MB/s");
    }

    /// <summary>Put then get in one thread: the cost of the queue operations without any hand-off.</summary>
    public static void SingleThread()
    {
        using var ints = new ProcessQueue<long>();
        using var bytes = new ProcessQueue<byte[]>();
        byte[] payload = new byte[1024];
        for (int round = 0; round < 2; round++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < 1_000_000; i++)
            {
                ints.Put(i);
                ints.Get();
            }

            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < 200_000; i++)
            {
                bytes.Put(payload);
                bytes.Get();
            }

            double kib = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            if (round == 1)
            {
                BenchmarkCommands.Emit("queue_local_putget_int", 1_000_000 / seconds, "ops/s");
                BenchmarkCommands.Emit("queue_local_putget_1KiB", 200_000 / kib, "ops/s");
            }
        }
    }

    /// <summary>Moves <paramref name="count"/> items (ints when <paramref name="size"/> is 0, else byte arrays) between two children; returns seconds.</summary>
    private static double Run(int count, int size)
    {
        using var go = new ProcessQueue<int>();
        using var times = new ProcessQueue<long>();
        Process producer, consumer;
        long expectedLast;
        Func<long> last;
        IDisposable queueHandle;
        if (size == 0)
        {
            var queue = new ProcessQueue<long>();
            producer = Spawn.QueueIntProducer(go, queue, times, count);
            Process<long> c = Spawn.QueueIntConsumer(go, queue, times, count);
            consumer = c;
            last = c.GetResult;
            expectedLast = count - 1;
            queueHandle = queue;
        }
        else
        {
            var queue = new ProcessQueue<byte[]>();
            producer = Spawn.QueueBytesProducer(go, queue, times, count, size);
            Process<int> c = Spawn.QueueBytesConsumer(go, queue, times, count);
            consumer = c;
            last = () => c.GetResult();
            expectedLast = size;
            queueHandle = queue;
        }

        go.Put(1);
        go.Put(1);
        long first = times.Get();
        long second = times.Get();
        producer.Join();
        consumer.Join();
        queueHandle.Dispose();
        if (last() != expectedLast || producer.ExitCode != 0)
        {
            throw new InvalidOperationException($"queue benchmark went wrong: last item {last()}, producer exit {producer.ExitCode}");
        }

        return Math.Abs(second - first) / (double)Stopwatch.Frequency;
    }
}
