using System.Runtime.InteropServices;

namespace Multiproc.Tests.Infrastructure;

/// <summary>Waits for any process (not only our children) to exit, with a Linux pidfd.</summary>
internal static partial class ProcessWatch
{
    [LibraryImport("libc", EntryPoint = "pidfd_open", SetLastError = true)]
    private static partial int PidfdOpen(int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    /// <summary>True when <paramref name="pid"/> exited within <paramref name="timeout"/>.</summary>
    public static unsafe bool WaitForExit(int pid, TimeSpan timeout)
    {
        int fd = PidfdOpen(pid, 0);
        if (fd < 0)
        {
            return true; // already gone
        }

        try
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                PollFd p = new() { Fd = fd, Events = 1 };
                int remaining = (int)Math.Max(0, (deadline - DateTime.UtcNow).TotalMilliseconds);
                int rc = Poll(&p, 1, remaining);
                if (rc > 0)
                {
                    return true;
                }

                if (rc == 0)
                {
                    return false;
                }
            }
        }
        finally
        {
            Close(fd);
        }
    }
}
