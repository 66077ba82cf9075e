using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Multiproc.Connections;
using Multiproc.Interop;

namespace Multiproc;

/// <summary>
/// The blocking system-call layer (Linux): <c>recv</c>, <c>sendmsg</c> and <c>poll</c> on the connection's descriptor,
/// correct whether the descriptor is in blocking mode or not (a child shares the open file description, and the
/// runtime's socket engine switches it to non-blocking on first asynchronous use).
/// </summary>
public sealed partial class Connection
{
    /// <summary>Sends one frame: header and body in one <c>sendmsg</c> where possible.</summary>
    private void SendFrame(ReadOnlySpan<byte> body)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, body.Length);
        WriteAll(header, body);
    }

    /// <summary>Reads at least one byte, waiting (until <paramref name="deadline"/>) if none is there; 0 at end of stream.</summary>
    internal unsafe int ReadSome(Span<byte> buffer, long deadline)
    {
        bool added = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref added);
            fixed (byte* pointer = buffer)
            {
                while (true)
                {
                    if (deadline != long.MaxValue)
                    {
                        // The descriptor may be blocking: only call recv once poll says it will not block.
                        WaitFor(Libc.POLLIN, deadline);
                    }

                    nint read = Libc.Recv(_fd, pointer, (nuint)buffer.Length, 0);
                    if (read >= 0)
                    {
                        return (int)read;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    if (errno == Libc.EAGAIN)
                    {
                        WaitFor(Libc.POLLIN, deadline);
                        continue;
                    }

                    EnsureOpen();
                    throw ThrowHelper.CreateConnectionErrno(errno, "recv");
                }
            }
        }
        catch (ObjectDisposedException) when (!added)
        {
            ThrowHelper.ThrowConnectionClosed();
            throw;
        }
        finally
        {
            if (added)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>Writes <paramref name="header"/> and <paramref name="body"/> completely, with <c>sendmsg</c>.</summary>
    internal unsafe void WriteAll(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        bool added = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref added);
            Libc.IoVec* vectors = stackalloc Libc.IoVec[2];
            fixed (byte* headerPointer = header)
            fixed (byte* bodyPointer = body)
            {
                int headerSent = 0, bodySent = 0;
                while (headerSent < header.Length || bodySent < body.Length)
                {
                    int count = 0;
                    if (headerSent < header.Length)
                    {
                        vectors[count++] = new Libc.IoVec { Base = headerPointer + headerSent, Length = (nuint)(header.Length - headerSent) };
                    }

                    if (bodySent < body.Length)
                    {
                        vectors[count++] = new Libc.IoVec { Base = bodyPointer + bodySent, Length = (nuint)(body.Length - bodySent) };
                    }

                    nint sent = Libc.WriteV(_fd, vectors, count);
                    if (sent < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno == Libc.EINTR)
                        {
                            continue;
                        }

                        if (errno == Libc.EAGAIN)
                        {
                            WaitFor(Libc.POLLOUT, long.MaxValue);
                            continue;
                        }

                        EnsureOpen();
                        throw ThrowHelper.CreateConnectionErrno(errno, "send");
                    }

                    int fromHeader = (int)Math.Min(sent, header.Length - headerSent);
                    headerSent += fromHeader;
                    bodySent += (int)(sent - fromHeader);
                }
            }
        }
        catch (ObjectDisposedException) when (!added)
        {
            ThrowHelper.ThrowConnectionClosed();
            throw;
        }
        finally
        {
            if (added)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>Waits with <c>poll</c> until the descriptor is ready for <paramref name="events"/> (or reports an error or hang-up).</summary>
    private unsafe void WaitFor(short events, long deadline)
    {
        Libc.PollFd pollFd = new() { Fd = _fd, Events = events };
        while (true)
        {
            int timeout = deadline == long.MaxValue ? -1 : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
            int ready = Libc.Poll(&pollFd, 1, timeout);
            if (ready > 0)
            {
                return;
            }

            if (ready == 0)
            {
                if (timeout < 0)
                {
                    continue;
                }

                throw ThrowHelper.CreateConnectionTimeout();
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EINTR)
            {
                throw ThrowHelper.CreateConnectionErrno(errno, "poll");
            }
        }
    }
}
