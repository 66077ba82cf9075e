using System.Runtime.InteropServices;

namespace Multiproc.Interop;

/// <summary>
/// Source-generated P/Invoke into the C library for the process layer (Linux). Every call returns the
/// C result; callers read <see cref="Marshal.GetLastPInvokeError"/> where errno matters.
/// </summary>
internal static unsafe partial class Libc
{
    private const string LibraryName = "libc";

    public const int EINTR = 4;
    public const int ESRCH = 3;
    public const int ECHILD = 10;
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int AF_UNIX = 1;
    public const int SOCK_STREAM = 1;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int O_RDONLY = 0;
    public const int F_SETFD = 2;
    public const int FD_CLOEXEC = 1;
    public const int WNOHANG = 1;
    public const short POLLIN = 0x001;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(LibraryName, EntryPoint = "getrandom", SetLastError = true)]
    public static partial nint GetRandom(byte* buffer, nuint length, uint flags);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn")]
    public static partial int PosixSpawn(out int pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int PosixSpawnFileActionsInit(void* fileActions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int PosixSpawnFileActionsDestroy(void* fileActions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int PosixSpawnFileActionsAddDup2(void* fileActions, int fd, int newFd);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addclose")]
    public static partial int PosixSpawnFileActionsAddClose(void* fileActions, int fd);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static partial int PosixSpawnFileActionsAddOpen(void* fileActions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(LibraryName, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(LibraryName, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(LibraryName, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport(LibraryName, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(LibraryName, EntryPoint = "pidfd_open", SetLastError = true)]
    public static partial int PidfdOpen(int pid, uint flags);

    [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(LibraryName, EntryPoint = "getppid")]
    public static partial int GetParentPid();

    [LibraryImport(LibraryName, EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int UnsetEnv(string name);

    /// <summary>
    /// Removes <paramref name="name"/> from both copies of the environment: .NET's (which
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes) and the C library's
    /// <c>environ</c>, which native code passes on (<c>system</c>, <c>posix_spawn</c>, <c>execvp</c> in a library).
    /// </summary>
    public static void ClearEnvironmentVariable(string name)
    {
        Environment.SetEnvironmentVariable(name, null);
        UnsetEnv(name);
    }

    /// <summary>Decodes a <c>waitpid</c> status the way Python does: the exit code, or <c>-N</c> for signal N.</summary>
    public static int DecodeWaitStatus(int status)
    {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : -signal;
    }

    /// <summary>Polls one fd for readability; returns true when ready, false when <paramref name="timeout"/> passes (null waits forever).</summary>
    public static bool PollReadable(int fd, TimeSpan? timeout) =>
        PollReadable(fd, timeout is null ? -1 : (int)Math.Clamp(Math.Ceiling(timeout.Value.TotalMilliseconds), 0, int.MaxValue));

    /// <summary>
    /// Reaps child <paramref name="pid"/> (waiting for it when <paramref name="block"/>), retrying on EINTR.
    /// Returns false if it is still running. If someone else reaped it (ECHILD, e.g. a SIGCHLD handler that
    /// reaps everything), the code is unknowable and reported as killed.
    /// </summary>
    public static bool TryReap(int pid, bool block, out int exitCode)
    {
        while (true)
        {
            int rc = WaitPid(pid, out int status, block ? 0 : WNOHANG);
            if (rc == pid)
            {
                exitCode = DecodeWaitStatus(status);
                return true;
            }

            if (rc == 0)
            {
                exitCode = 0;
                return false;
            }

            if (Marshal.GetLastPInvokeError() != EINTR)
            {
                exitCode = -SIGKILL;
                return true;
            }
        }
    }

    /// <summary>Polls one fd for readability; returns true when ready, false on timeout (-1 waits forever).</summary>
    public static bool PollReadable(int fd, int timeoutMilliseconds)
    {
        PollFd pfd = new() { Fd = fd, Events = POLLIN };
        long deadline = timeoutMilliseconds < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMilliseconds;
        while (true)
        {
            int remaining = timeoutMilliseconds < 0 ? -1 : (int)Math.Max(0, deadline - Environment.TickCount64);
            int rc = Poll(&pfd, 1, remaining);
            if (rc > 0)
            {
                return true;
            }

            if (rc == 0)
            {
                return false;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR)
            {
                ThrowHelper.ThrowPollFailedErrno(errno);
            }
        }
    }
}
