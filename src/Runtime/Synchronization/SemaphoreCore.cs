namespace Multiproc;

/// <summary>The counting-semaphore algorithm behind <see cref="ProcessSemaphore"/> and <see cref="ProcessBoundedSemaphore"/>.</summary>
internal static unsafe class SemaphoreCore
{
    public static void Initialize(SemaphoreState* s, int value, int maxValue)
    {
        s->MaxValue = maxValue;
        s->Count = value;
    }

    /// <summary>Takes one unit; false when <paramref name="deadline"/> passed (or at once when not blocking).</summary>
    public static bool Acquire(SemaphoreState* s, bool blocking, long deadline)
    {
        bool spun = false;
        while (true)
        {
            int c = Volatile.Read(ref s->Count);
            if (c > 0)
            {
                if (Interlocked.CompareExchange(ref s->Count, c - 1, c) == c)
                {
                    return true;
                }

                continue;
            }

            if (!blocking)
            {
                return false;
            }

            // Release pairs with the sleep (it raises the count, then wakes if a sleeper is counted).
            if (!AdaptiveSpin.SpinThenSleep(&s->Count, 0, &s->Waiters, ref spun, deadline))
            {
                return TryTakeOnce(s);
            }
        }
    }

    /// <summary>Adds <paramref name="count"/> units and wakes as many sleepers.</summary>
    /// <exception cref="SemaphoreFullException">A bounded semaphore would exceed its initial value.</exception>
    public static void Release(SemaphoreState* s, int count)
    {
        int max = s->MaxValue < 0 ? 0 : s->MaxValue;
        if (s->MaxValue != 0)
        {
            while (true)
            {
                int c = Volatile.Read(ref s->Count);
                if ((long)c + count > max)
                {
                    ThrowHelper.ThrowProcessBoundedSemaphoreValueCannotReleasedAboveValueError(max);
                }

                if (Interlocked.CompareExchange(ref s->Count, c + count, c) == c)
                {
                    break;
                }
            }
        }
        else
        {
            int c = Volatile.Read(ref s->Count);
            if ((long)c + count > int.MaxValue)
            {
                ThrowHelper.ThrowProcessSemaphoreCannotCountAbove(int.MaxValue);
            }

            Interlocked.Add(ref s->Count, count);
        }

        if (Volatile.Read(ref s->Waiters) > 0)
        {
            Futex.Wake(&s->Count, count);
        }
    }

    private static bool TryTakeOnce(SemaphoreState* s)
    {
        while (true)
        {
            int c = Volatile.Read(ref s->Count);
            if (c <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref s->Count, c - 1, c) == c)
            {
                return true;
            }
        }
    }
}
