namespace Multiproc.Tests.Targets;

/// <summary>
/// Process targets for the async-wait tests (tests/Runtime.Tests/SharedState/CrossProcessAsyncTests.cs):
/// children that wait on conditions and barriers with the async forms, or wake those who do.
/// </summary>
public static class AsyncWaitTargets
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Acquires the condition's lock asynchronously, waits once with <see cref="ProcessCondition.WaitAsync"/>,
    /// counts itself in <paramref name="woken"/> and releases. Returns the wait's result.
    /// </summary>
    [ProcessTarget]
    public static async Task<bool> WaitOnConditionAsync(ProcessCondition condition, SharedValue<int> woken)
    {
        await condition.AcquireAsync(Long);
        try
        {
            bool notified = await condition.WaitAsync(Long);
            Interlocked.Increment(ref woken.Ref);
            return notified;
        }
        finally
        {
            condition.Release();
        }
    }

    /// <summary>Adds 1 to <paramref name="value"/> <paramref name="times"/> times, notifying every waiter after each, under the lock.</summary>
    [ProcessTarget]
    public static void IncrementAndNotify(ProcessCondition condition, SharedValue<int> value, int times)
    {
        for (int i = 0; i < times; i++)
        {
            using (condition.Hold())
            {
                value.Value++;
                condition.NotifyAll();
            }
        }
    }

    /// <summary>Waits at the barrier <paramref name="passes"/> times, synchronously or asynchronously; returns the indices.</summary>
    [ProcessTarget]
    public static async Task<int[]> WaitAtBarrierSyncOrAsync(ProcessBarrier barrier, int passes, bool useAsync)
    {
        int[] indices = new int[passes];
        for (int i = 0; i < passes; i++)
        {
            indices[i] = useAsync ? await barrier.WaitAsync(Long) : barrier.Wait(Long);
        }

        return indices;
    }

    /// <summary>Waits at the barrier once (async); returns "broken" when it breaks, else the index.</summary>
    [ProcessTarget]
    public static async Task<string> WaitAtBarrierExpectingBreak(ProcessBarrier barrier)
    {
        try
        {
            return (await barrier.WaitAsync(Long)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (BrokenBarrierException)
        {
            return "broken";
        }
    }
}
