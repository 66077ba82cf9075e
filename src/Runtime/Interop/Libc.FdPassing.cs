using System.Runtime.InteropServices;

namespace Multiproc.Interop;

/// <summary>
/// Descriptors sent over a Unix socket as <c>SCM_RIGHTS</c> ancillary data: how a warm child (started
/// before its arguments existed) receives the pipe and socket ends a cold child would have inherited.
/// </summary>
internal static unsafe partial class Libc
{
    public const int SCM_RIGHTS = 1;
    public const int MSG_CTRUNC = 0x8;
    public const int MSG_CMSG_CLOEXEC = 0x40000000;
    public const int EMSGSIZE = 90;

    /// <summary>The most descriptors one message may carry (Linux's <c>SCM_MAX_FD</c>).</summary>
    public const int MaxDescriptorsPerMessage = 253;

    private const int SocketLevel = 1; // SOL_SOCKET

    [LibraryImport(LibraryName, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint RecvMsg(int fd, MsgHdr* message, int flags);

    /// <summary>The header of one ancillary-data item (<c>struct cmsghdr</c>, 64-bit Linux layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct CmsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    /// <summary>
    /// Sends all of <paramref name="data"/>; the first <c>sendmsg</c> carries <paramref name="descriptors"/>
    /// (at most <see cref="MaxDescriptorsPerMessage"/>), so they arrive with the data's first byte.
    /// Returns 0, or the errno of the failure (EPIPE when the peer is gone).
    /// </summary>
    public static int SendWithDescriptors(int socket, ReadOnlySpan<byte> data, ReadOnlySpan<int> descriptors)
    {
        if (descriptors.Length > MaxDescriptorsPerMessage)
        {
            ThrowHelper.ThrowMostDescriptorsFitOneMessage(nameof(descriptors), descriptors.Length, MaxDescriptorsPerMessage);
        }

        int controlLength = ControlSpace(descriptors.Length);
        byte* control = stackalloc byte[controlLength];
        new Span<byte>(control, controlLength).Clear();
        CmsgHdr* header = (CmsgHdr*)control;
        header->Length = (nuint)(HeaderSpace + (descriptors.Length * sizeof(int)));
        header->Level = SocketLevel;
        header->Type = SCM_RIGHTS;
        descriptors.CopyTo(new Span<int>(control + HeaderSpace, descriptors.Length));

        fixed (byte* p = data)
        {
            int sent = 0;
            bool first = true;
            while (sent < data.Length)
            {
                IoVec iov = new() { Base = p + sent, Length = (nuint)(data.Length - sent) };
                MsgHdr message = new() { Iov = &iov, IovLength = 1 };
                if (first && descriptors.Length > 0)
                {
                    message.Control = control;
                    message.ControlLength = (nuint)controlLength;
                }

                nint n = SendMsg(socket, &message, MSG_NOSIGNAL);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR)
                    {
                        continue;
                    }

                    if (errno == EAGAIN)
                    {
                        PollWritable(socket);
                        continue;
                    }

                    return errno;
                }

                first = false;
                sent += (int)n;
            }
        }

        return 0;
    }

    /// <summary>
    /// Receives between 1 and <paramref name="buffer"/>.Length bytes and any descriptors that came with them
    /// (close-on-exec), blocking until data arrives. Returns the byte count, 0 at end of stream, or minus the
    /// errno. Descriptors beyond what fits are closed by the kernel; that is reported as <c>-EMSGSIZE</c>.
    /// </summary>
    public static int ReceiveWithDescriptors(int socket, Span<byte> buffer, List<int> descriptors)
    {
        int controlLength = ControlSpace(MaxDescriptorsPerMessage);
        byte* control = stackalloc byte[controlLength];
        fixed (byte* p = buffer)
        {
            while (true)
            {
                IoVec iov = new() { Base = p, Length = (nuint)buffer.Length };
                MsgHdr message = new() { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)controlLength };
                nint n = RecvMsg(socket, &message, MSG_CMSG_CLOEXEC);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR)
                    {
                        continue;
                    }

                    if (errno == EAGAIN)
                    {
                        PollReadable(socket, -1);
                        continue;
                    }

                    return -errno;
                }

                CollectDescriptors(&message, descriptors);
                return (message.Flags & MSG_CTRUNC) != 0 ? -EMSGSIZE : (int)n;
            }
        }
    }

    private static int HeaderSpace => Align(sizeof(CmsgHdr));

    private static int ControlSpace(int descriptorCount) => HeaderSpace + Align(descriptorCount * sizeof(int));

    private static int Align(int length) => (length + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);

    private static void CollectDescriptors(MsgHdr* message, List<int> descriptors)
    {
        byte* control = (byte*)message->Control;
        int length = (int)message->ControlLength;
        int offset = 0;
        while (offset + HeaderSpace <= length)
        {
            CmsgHdr* header = (CmsgHdr*)(control + offset);
            int itemLength = (int)header->Length;
            if (itemLength < HeaderSpace || offset + itemLength > length)
            {
                return;
            }

            if (header->Level == SocketLevel && header->Type == SCM_RIGHTS)
            {
                int count = (itemLength - HeaderSpace) / sizeof(int);
                descriptors.AddRange(new ReadOnlySpan<int>(control + offset + HeaderSpace, count));
            }

            offset += Align(itemLength);
        }
    }

    private static void PollWritable(int fd)
    {
        PollFd pfd = new() { Fd = fd, Events = POLLOUT };
        Poll(&pfd, 1, -1);
    }
}
