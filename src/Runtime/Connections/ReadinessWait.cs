using System.Runtime.InteropServices;
using Multiproc.Interop;

namespace Multiproc.Connections;

/// <summary>
/// <c>multiprocessing.connection.wait</c>: one <c>poll(2)</c> over the descriptors of many objects. Queue readers have
/// no descriptor (they sleep on futexes in shared memory), so when there are any, the descriptors are polled in
/// slices of at most <see cref="MaxQueueSliceMilliseconds"/> and the queues are checked between slices.
/// </summary>
internal static class ReadinessWait
{
    /// <summary>The longest poll slice while queues are among the objects: the worst extra delay in noticing a queue item.</summary>
    internal const int MaxQueueSliceMilliseconds = 5;

    public static unsafe IReadOnlyList<T> Wait<T>(IEnumerable<T> objects, TimeSpan? timeout)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(objects);
        T[] items = [.. objects];
        int milliseconds = Connection.ToMilliseconds(timeout);
        var pollFds = new Libc.PollFd[items.Length];
        bool anyQueue = false;
        for (int i = 0; i < items.Length; i++)
        {
            // A negative descriptor (a queue's) is ignored by poll(2): its revents stay 0.
            int fd = DescriptorOf(items[i], i);
            anyQueue |= fd < 0;
            pollFds[i] = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
        }

        bool[]? queueReady = anyQueue ? new bool[items.Length] : null;
        long deadline = milliseconds < 0 ? long.MaxValue : Environment.TickCount64 + milliseconds;
        int slice = 1;
        fixed (Libc.PollFd* pointer = pollFds)
        {
            while (true)
            {
                int remaining = milliseconds < 0 ? -1 : (int)Math.Max(0, deadline - Environment.TickCount64);
                int pollTimeout = remaining;
                if (queueReady is not null)
                {
                    // Queues first, so a ready queue is reported without waiting on the descriptors.
                    pollTimeout = AnyQueueReady(items, queueReady) ? 0 : remaining < 0 ? slice : Math.Min(slice, remaining);
                    slice = Math.Min(slice * 2, MaxQueueSliceMilliseconds);
                }

                int ready = Libc.Poll(pointer, (nuint)pollFds.Length, pollTimeout);
                if (ready > 0 || (ready == 0 && queueReady is not null && Array.IndexOf(queueReady, true) >= 0))
                {
                    break;
                }

                if (ready == 0)
                {
                    if (remaining != 0)
                    {
                        continue;
                    }

                    return [];
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.EINTR)
                {
                    ThrowHelper.ThrowPollOverObjectsFailedErrno(items.Length, Marshal.GetPInvokeErrorMessage(errno), errno);
                }
            }
        }

        if (queueReady is not null)
        {
            // Look at the queues again: one may have filled while poll slept (a child that puts an item and
            // exits makes its sentinel ready only after the item is in the queue; both must be reported).
            AnyQueueReady(items, queueReady);
        }

        var result = new List<T>();
        for (int i = 0; i < items.Length; i++)
        {
            if ((pollFds[i].Revents & Libc.POLLNVAL) != 0)
            {
                ThrowHelper.ThrowObjectPassedWaitClosedWhileWaiting(items[i].GetType().Name, i);
            }

            if (pollFds[i].Revents != 0 || (queueReady is not null && queueReady[i]))
            {
                result.Add(items[i]);
            }
        }

        return result;
    }

    /// <summary>Marks which queues among <paramref name="items"/> would not block a get; true if any.</summary>
    private static bool AnyQueueReady<T>(T[] items, bool[] ready)
        where T : class
    {
        bool any = false;
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is IWaitableQueue queue)
            {
                ready[i] = queue.HasItems;
                any |= ready[i];
            }
        }

        return any;
    }

    private static int DescriptorOf(object item, int index) => item switch
    {
        Connection connection when !connection.Readable => throw ThrowHelper.CreateObjectWriteOnlyConnectionWaitWaits(index, "objects"),
        Connection connection => connection.Handle,
        ProcessSentinel sentinel => sentinel.Handle,
        Process process => process.Sentinel.Handle,
        IWaitableQueue => -1,
        null => throw ThrowHelper.CreateObjectPassedWaitNull("objects", index),
        _ => throw ThrowHelper.CreateObjectPassedWaitWaitAcceptsConnection(index, item.GetType().Name, "objects"),
    };
}
