using System.Runtime.InteropServices;

namespace Multiproc.Interop;

/// <summary>The socket calls <see cref="Connection"/> makes on its own descriptor (Linux).</summary>
internal static unsafe partial class Libc
{
    public const int EAGAIN = 11;
    public const int EPIPE = 32;
    public const int ECONNRESET = 104;
    public const int MSG_NOSIGNAL = 0x4000;
    public const short POLLOUT = 0x004;
    public const short POLLERR = 0x008;
    public const short POLLHUP = 0x010;
    public const short POLLNVAL = 0x020;
    public const int SHUT_RD = 0;
    public const int SHUT_WR = 1;
    public const int F_DUPFD_CLOEXEC = 1030;

    /// <summary>One element of a gather list for <see cref="WriteV"/>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [LibraryImport(LibraryName, EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(LibraryName, EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(LibraryName, EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMsg(int fd, MsgHdr* message, int flags);

    [LibraryImport(LibraryName, EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int fd, int newFd);

    [LibraryImport(LibraryName, EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    /// <summary>The <c>struct msghdr</c> of <c>sendmsg</c> (64-bit Linux layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>Writes a gather list with <c>sendmsg</c>, so that no SIGPIPE is raised.</summary>
    public static nint WriteV(int fd, IoVec* iov, int count)
    {
        MsgHdr header = new() { Iov = iov, IovLength = (nuint)count };
        return SendMsg(fd, &header, MSG_NOSIGNAL);
    }
}
