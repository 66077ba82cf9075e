using System.Runtime.InteropServices;

namespace Multiproc.Interop;

/// <summary>
/// Socket pairs and raw socket I/O on a descriptor (Linux): the one place a <c>socketpair</c> is made (for
/// <c>Pipe</c>, a child's control channel and a pool worker's task channel), and the blocking and non-blocking
/// sends and receives of the pool's per-worker task channel.
/// </summary>
internal static unsafe partial class Libc
{
    public const int MSG_DONTWAIT = 0x40;
    public const int SOL_SOCKET = 1;
    public const int SO_SNDBUF = 7;
    public const int SO_RCVBUF = 8;

    [LibraryImport(LibraryName, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, int* value, uint length);

    /// <summary>
    /// Creates a connected, close-on-exec <c>AF_UNIX</c> stream socket pair.
    /// </summary>
    /// <returns>The two descriptors; the caller owns both.</returns>
    /// <exception cref="IOException">The operating system refused (e.g. out of descriptors); the message names the errno.</exception>
    public static (int First, int Second) CreateSocketPair()
    {
        int* fds = stackalloc int[2];
        if (SocketPair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            ThrowHelper.ThrowSocketpairFailedErrno(Marshal.GetPInvokeErrorMessage(errno), errno);
        }

        return (fds[0], fds[1]);
    }

    /// <summary>Sends all of <paramref name="data"/>, blocking; false when the peer is gone.</summary>
    public static bool SendAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int sent = 0;
            while (sent < data.Length)
            {
                nint n = Send(fd, p + sent, (nuint)(data.Length - sent), MSG_NOSIGNAL);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EINTR)
                    {
                        continue;
                    }

                    return false;
                }

                sent += (int)n;
            }
        }

        return true;
    }

    /// <summary>Sends what the socket takes without blocking; returns the count, or -1 when the peer is gone.</summary>
    public static int SendNonBlocking(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            while (true)
            {
                nint n = Send(fd, p, (nuint)data.Length, MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n >= 0)
                {
                    return (int)n;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }

                return errno == EAGAIN ? 0 : -1;
            }
        }
    }

    /// <summary>Receives into <paramref name="buffer"/>, blocking; 0 at end of stream or on error.</summary>
    public static int ReceiveSome(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = Recv(fd, p, (nuint)buffer.Length, 0);
                if (n >= 0)
                {
                    return (int)n;
                }

                if (Marshal.GetLastPInvokeError() != EINTR)
                {
                    return 0;
                }
            }
        }
    }

    /// <summary>Enlarges a socket's kernel buffers (best effort) so batches rarely have to wait.</summary>
    public static void EnlargeBuffers(int fd, int bytes)
    {
        SetSockOpt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof(int));
        SetSockOpt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(int));
    }
}
