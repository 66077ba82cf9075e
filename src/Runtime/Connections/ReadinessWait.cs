using System.Runtime.InteropServices;
using Multiproc.Interop;

namespace Multiproc.Connections;

/// <summary><c>multiprocessing.connection.wait</c>: one <c>poll(2)</c> over the descriptors of many objects.</summary>
internal static class ReadinessWait
{
    public static unsafe IReadOnlyList<T> Wait<T>(IEnumerable<T> objects, TimeSpan? timeout)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(objects);
        T[] items = [.. objects];
        int milliseconds = Connection.ToMilliseconds(timeout);
        var pollFds = new Libc.PollFd[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            pollFds[i] = new Libc.PollFd { Fd = DescriptorOf(items[i], i), Events = Libc.POLLIN };
        }

        long deadline = milliseconds < 0 ? long.MaxValue : Environment.TickCount64 + milliseconds;
        fixed (Libc.PollFd* pointer = pollFds)
        {
            while (true)
            {
                int remaining = milliseconds < 0 ? -1 : (int)Math.Max(0, deadline - Environment.TickCount64);
                int ready = Libc.Poll(pointer, (nuint)pollFds.Length, remaining);
                if (ready > 0)
                {
                    break;
                }

                if (ready == 0)
                {
                    if (remaining < 0)
                    {
                        continue;
                    }

                    return [];
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.EINTR)
                {
                    throw new IOException($"poll() over {items.Length} objects failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
                }
            }
        }

        var result = new List<T>();
        for (int i = 0; i < items.Length; i++)
        {
            if ((pollFds[i].Revents & Libc.POLLNVAL) != 0)
            {
                throw new ObjectDisposedException(items[i].GetType().Name, $"Object {i} passed to Wait was closed while waiting.");
            }

            if (pollFds[i].Revents != 0)
            {
                result.Add(items[i]);
            }
        }

        return result;
    }

    private static int DescriptorOf(object item, int index) => item switch
    {
        Connection connection when !connection.Readable => throw new ArgumentException($"Object {index} is a write-only connection: Wait waits for something to receive.", "objects"),
        Connection connection => connection.Handle,
        ProcessSentinel sentinel => sentinel.Handle,
        Process process => process.Sentinel.Handle,
        null => throw new ArgumentNullException("objects", $"Object {index} passed to Wait is null."),
        _ => throw new ArgumentException($"Object {index} passed to Wait is a {item.GetType().Name}; Wait accepts a Connection, a Process or a ProcessSentinel.", "objects"),
    };
}
