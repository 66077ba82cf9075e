namespace Multiproc.Tests.Targets;

/// <summary>
/// Process targets for tests/Runtime.Tests/SharedState/CrossProcessPrimitiveTests.cs: each receives
/// synchronization primitives or shared memory as handles, re-attaches to the same memory and reports what it
/// saw as a return value (an exception name rather than a failure, so the parent can assert on it).
/// </summary>
public static partial class PrimitiveTargets
{
    /// <summary>What <see cref="Outcome"/> returns when the action did not throw.</summary>
    public const string Ok = "ok";

    /// <summary>What a barrier wait target returns instead of an index when the wait threw <see cref="BrokenBarrierException"/>.</summary>
    public const int Broken = -1;

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    /// <summary>Takes <paramref name="lock"/>, sets <paramref name="acquired"/>, and releases it once <paramref name="release"/> is set.</summary>
    /// <returns>True when <paramref name="release"/> was set in time.</returns>
    [ProcessTarget]
    public static bool HoldLockUntilReleased(ProcessLock @lock, ProcessEvent acquired, ProcessEvent release)
    {
        @lock.Acquire();
        acquired.Set();
        bool told = release.Wait(Long);
        @lock.Release();
        return told;
    }

    /// <summary>Releases <paramref name="lock"/> (which some other process may hold).</summary>
    /// <returns><see cref="Ok"/>, or the name of the exception thrown.</returns>
    [ProcessTarget]
    public static string ReleaseForeignLock(ProcessLock @lock) => Outcome(@lock.Release);

    /// <summary>
    /// Acquires <paramref name="rlock"/> twice and releases it twice, releasing a unit of
    /// <paramref name="stepped"/> after each acquire-all and each release but the last, and waiting for a unit
    /// of <paramref name="proceed"/> before each release, so the parent can look at every step.
    /// </summary>
    /// <returns>The recursion count seen after each step: after two acquires, after one release, after two.</returns>
    [ProcessTarget]
    public static int[] AcquireRLockTwiceInSteps(ProcessRLock rlock, ProcessSemaphore stepped, ProcessSemaphore proceed)
    {
        rlock.Acquire();
        rlock.Acquire();
        int afterAcquires = rlock.RecursionCount;
        stepped.Release();
        proceed.Acquire(timeout: Long);
        rlock.Release();
        int afterOneRelease = rlock.RecursionCount;
        stepped.Release();
        proceed.Acquire(timeout: Long);
        rlock.Release();
        return [afterAcquires, afterOneRelease, rlock.RecursionCount];
    }

    /// <summary>Tries to take <paramref name="rlock"/> without blocking, then to release it.</summary>
    /// <returns>"acquired=&lt;bool&gt;;release=&lt;outcome&gt;".</returns>
    [ProcessTarget]
    public static string ReleaseForeignRLock(ProcessRLock rlock)
    {
        bool acquired = rlock.Acquire(blocking: false);
        return $"acquired={acquired};release={Outcome(rlock.Release)}";
    }

    /// <summary>Takes a unit of <paramref name="semaphore"/>, sets <paramref name="took"/>, and gives the unit back once <paramref name="giveBack"/> is set.</summary>
    /// <returns>True when the unit was taken and <paramref name="giveBack"/> was set in time.</returns>
    [ProcessTarget]
    public static bool TakeSemaphoreUnit(ProcessSemaphore semaphore, ProcessEvent took, ProcessEvent giveBack) =>
        TakeUnit(semaphore, took, giveBack);

    /// <summary>Takes a unit of <paramref name="semaphore"/>, sets <paramref name="took"/>, and gives the unit back once <paramref name="giveBack"/> is set.</summary>
    /// <returns>True when the unit was taken and <paramref name="giveBack"/> was set in time.</returns>
    [ProcessTarget]
    public static bool TakeBoundedSemaphoreUnit(ProcessBoundedSemaphore semaphore, ProcessEvent took, ProcessEvent giveBack) =>
        TakeUnit(semaphore, took, giveBack);

    /// <summary>Releases one unit of <paramref name="semaphore"/> without having taken one.</summary>
    /// <returns><see cref="Ok"/>, or the name of the exception thrown.</returns>
    [ProcessTarget]
    public static string ReleaseSemaphoreUnit(ProcessSemaphore semaphore) => Outcome(() => semaphore.Release());

    /// <summary>Releases one unit of <paramref name="semaphore"/> without having taken one.</summary>
    /// <returns><see cref="Ok"/>, or the name of the exception thrown.</returns>
    [ProcessTarget]
    public static string ReleaseBoundedSemaphoreUnit(ProcessBoundedSemaphore semaphore) => Outcome(() => semaphore.Release());

    /// <summary>Sets <paramref name="event"/>.</summary>
    [ProcessTarget]
    public static void SetEvent(ProcessEvent @event) => @event.Set();

    /// <summary>
    /// Looks at <paramref name="event"/> (which the parent keeps clear until every child released
    /// <paramref name="ready"/>), waits on it briefly, releases a unit of <paramref name="ready"/>, then waits
    /// for the parent to set it.
    /// </summary>
    /// <returns>[<see cref="ProcessEvent.IsSet"/> at first, the brief wait's result, the long wait's result, <see cref="ProcessEvent.IsSet"/> at the end].</returns>
    [ProcessTarget]
    public static bool[] ObserveEvent(ProcessEvent @event, ProcessSemaphore ready)
    {
        bool setAtFirst = @event.IsSet;
        bool briefWait = @event.Wait(TimeSpan.FromMilliseconds(100));
        ready.Release();
        bool longWait = @event.Wait(Long);
        return [setAtFirst, briefWait, longWait, @event.IsSet];
    }

    /// <summary>
    /// Waits twice at <paramref name="barrier"/>, its handle given an action that counts passes in
    /// <paramref name="passes"/> (the action runs only where the last party arrives).
    /// </summary>
    /// <returns>[first index, passes seen after the first wait, second index, passes seen after the second wait].</returns>
    [ProcessTarget]
    public static int[] PassBarrierTwice(ProcessBarrier barrier, SharedValue<int> passes)
    {
        barrier.SetAction(() => Interlocked.Increment(ref passes.Ref));
        int first = barrier.Wait(Long);
        int seenAfterFirst = Volatile.Read(ref passes.Ref);
        int second = barrier.Wait(Long);
        return [first, seenAfterFirst, second, Volatile.Read(ref passes.Ref)];
    }

    /// <summary>Waits once at <paramref name="barrier"/> for at most <paramref name="timeoutMilliseconds"/>.</summary>
    /// <returns>The arrival index, or <see cref="Broken"/> when the wait threw <see cref="BrokenBarrierException"/>.</returns>
    [ProcessTarget]
    public static int WaitAtBarrier(ProcessBarrier barrier, int timeoutMilliseconds)
    {
        try
        {
            return barrier.Wait(TimeSpan.FromMilliseconds(timeoutMilliseconds));
        }
        catch (BrokenBarrierException)
        {
            return Broken;
        }
    }

    /// <summary>Creates a barrier of one party and waits at it twice with a zero timeout.</summary>
    /// <returns>The two arrival indexes.</returns>
    [ProcessTarget]
    public static int[] PassOwnSinglePartyBarrier()
    {
        using ProcessBarrier barrier = new(1);
        return [barrier.Wait(TimeSpan.Zero), barrier.Wait(TimeSpan.Zero)];
    }

    /// <summary>
    /// Writes <paramref name="memory"/>[k] = <see cref="ChildByte"/>(k), sets <paramref name="written"/>, waits
    /// for <paramref name="parentWrote"/>, then sums the bytes the parent wrote.
    /// </summary>
    /// <returns>The sum of the bytes read after the parent wrote, or -1 when <paramref name="parentWrote"/> was not set in time.</returns>
    [ProcessTarget]
    public static long WriteThenChecksumSharedMemory(SharedMemory memory, ProcessEvent written, ProcessEvent parentWrote)
    {
        Span<byte> span = memory.Span;
        for (int k = 0; k < span.Length; k++)
        {
            span[k] = ChildByte(k);
        }

        written.Set();
        if (!parentWrote.Wait(Long))
        {
            return -1;
        }

        long sum = 0;
        foreach (byte b in memory.Span)
        {
            sum += b;
        }

        return sum;
    }

    /// <summary>Attaches to the segment called <paramref name="name"/> and reads its first byte.</summary>
    /// <returns>"size=&lt;size&gt;;first=&lt;byte&gt;", or the name of the exception thrown.</returns>
    [ProcessTarget]
    public static string AttachSharedMemoryByName(string name) => Outcome(() =>
    {
        using SharedMemory memory = SharedMemory.Attach(name);
        return $"size={memory.Size};first={memory.Span[0]}";
    });

    /// <summary>The byte <see cref="WriteThenChecksumSharedMemory"/> writes at offset <paramref name="k"/>.</summary>
    /// <param name="k">The offset.</param>
    /// <returns>The byte.</returns>
    public static byte ChildByte(int k) => (byte)((k * 7) + 1);

    private static bool TakeUnit(ProcessSemaphoreBase semaphore, ProcessEvent took, ProcessEvent giveBack)
    {
        if (!semaphore.Acquire(timeout: Long))
        {
            return false;
        }

        took.Set();
        bool told = giveBack.Wait(Long);
        semaphore.Release();
        return told;
    }

    private static string Outcome(Action action) => Outcome(() =>
    {
        action();
        return Ok;
    });

    private static string Outcome(Func<string> describe)
    {
        try
        {
            return describe();
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }
}
