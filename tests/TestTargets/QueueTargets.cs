namespace Multiproc.Tests.Targets;

/// <summary>Targets for the queue tests: producers, consumers and workers that run in real children.</summary>
public static class QueueTargets
{
    /// <summary>Puts <paramref name="count"/> items tagged with <paramref name="producer"/> (high 32 bits) and a sequence number.</summary>
    [ProcessTarget]
    public static void Produce(ProcessQueue<long> queue, int producer, int count)
    {
        for (int i = 0; i < count; i++)
        {
            queue.Put(((long)producer << 32) | (uint)i);
        }
    }

    /// <summary>Gets items until a negative sentinel and returns them in the order received.</summary>
    [ProcessTarget]
    public static long[] ConsumeUntilSentinel(ProcessQueue<long> queue)
    {
        var received = new List<long>();
        while (true)
        {
            long item = queue.Get();
            if (item < 0)
            {
                return [.. received];
            }

            received.Add(item);
        }
    }

    /// <summary>Puts <paramref name="count"/> arrays of <paramref name="size"/> bytes filled with <paramref name="fill"/>, then returns at once.</summary>
    [ProcessTarget]
    public static void PutBytes(ProcessQueue<byte[]> queue, int size, int count, byte fill)
    {
        for (int i = 0; i < count; i++)
        {
            byte[] item = new byte[size];
            item.AsSpan().Fill(fill);
            queue.Put(item);
        }
    }

    /// <summary>Gets one item from <paramref name="input"/> and puts it, reversed, on <paramref name="output"/>.</summary>
    [ProcessTarget]
    public static void ReverseBytes(ProcessQueue<byte[]> input, ProcessQueue<byte[]> output)
    {
        byte[] item = input.Get();
        Array.Reverse(item);
        output.Put(item);
    }

    /// <summary>Puts 0, 1, 2, … forever: with a bounded queue it ends up blocked inside Put, holding the producers' lock.</summary>
    [ProcessTarget]
    public static void PutForever(ProcessQueue<int> queue)
    {
        for (int i = 0; ; i++)
        {
            queue.Put(i);
        }
    }

    /// <summary>
    /// Takes one item and puts it back, forever: a victim that is almost always inside <c>Get</c> or <c>Put</c>,
    /// holding the consumers' or the producers' lock, for tests that kill it there.
    /// </summary>
    [ProcessTarget]
    public static void GetPutForever(ProcessQueue<int> queue)
    {
        while (true)
        {
            queue.Put(queue.Get());
        }
    }

    /// <summary>A JoinableQueue worker: squares tasks onto <paramref name="results"/> and marks each done; stops at a negative task.</summary>
    [ProcessTarget]
    public static void SquareTasks(JoinableProcessQueue<int> tasks, ProcessQueue<int> results)
    {
        while (true)
        {
            int task = tasks.Get();
            if (task < 0)
            {
                tasks.TaskDone();
                return;
            }

            results.Put(task * task);
            tasks.TaskDone();
        }
    }

    /// <summary>Waits until <paramref name="go"/> yields an item, then puts <paramref name="value"/> on <paramref name="queue"/>.</summary>
    [ProcessTarget]
    public static void PutWhenTold(ProcessQueue<int> go, ProcessQueue<int> queue, int value)
    {
        go.Get();
        queue.Put(value);
    }

    /// <summary>Closes the child's handle, then tries to put and get; returns both error messages.</summary>
    [ProcessTarget]
    public static string UseAfterClose(ProcessQueue<int> queue)
    {
        queue.Close();
        string put = Catch(() => queue.Put(1));
        string get = Catch(() => queue.Get());
        return put + "|" + get;
    }

    /// <summary>Puts from a child into a SimpleQueue.</summary>
    [ProcessTarget]
    public static void PutSimple(SimpleProcessQueue<string> queue, string text) => queue.Put(text);

    /// <summary>
    /// Creates a queue holding one small and one spilled item, reports the queue's description (which names its
    /// segment) on <paramref name="names"/>, then sleeps until it is killed.
    /// </summary>
    [ProcessTarget]
    public static void CreateQueueAndHang(ProcessQueue<string> names)
    {
        var own = new ProcessQueue<byte[]>(0, 64 * 1024);
        own.Put([1]);
        own.Put(new byte[100_000]);
        names.Put(own.ToString());
        Thread.Sleep(Timeout.Infinite);
    }

    private static string Catch(Action action)
    {
        try
        {
            action();
            return "no error";
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
