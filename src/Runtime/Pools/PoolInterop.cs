using System.Runtime.InteropServices;

namespace Multiproc.Pools;

/// <summary>
/// The libc calls the pool needs beyond <see cref="Interop.Libc"/>: raw socket I/O on the per-worker task
/// channel (a blocking reader thread and non-blocking writes from whoever dispatches) and the memfd that
/// holds each worker's progress words.
/// </summary>
internal static unsafe partial class PoolInterop
{
    private const string LibraryName = "libc";

    public const int EAGAIN = 11;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_NOSIGNAL = 0x4000;
    public const int SHUT_WR = 1;
    public const uint MFD_CLOEXEC = 1;
    public const int PROT_READ = 1;
    public const int PROT_WRITE = 2;
    public const int MAP_SHARED = 1;
    public const int SOL_SOCKET = 1;
    public const int SO_SNDBUF = 7;
    public const int SO_RCVBUF = 8;

    [LibraryImport(LibraryName, EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(LibraryName, EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport(LibraryName, EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport(LibraryName, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, int* value, uint length);

    [LibraryImport(LibraryName, EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MemfdCreate(string name, uint flags);

    [LibraryImport(LibraryName, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport(LibraryName, EntryPoint = "mmap", SetLastError = true)]
    public static partial void* MMap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(LibraryName, EntryPoint = "munmap", SetLastError = true)]
    public static partial int MUnmap(void* address, nuint length);

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
                    if (Marshal.GetLastPInvokeError() == Interop.Libc.EINTR)
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
                if (errno == Interop.Libc.EINTR)
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
                nint n = Receive(fd, p, (nuint)buffer.Length, 0);
                if (n >= 0)
                {
                    return (int)n;
                }

                if (Marshal.GetLastPInvokeError() != Interop.Libc.EINTR)
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
