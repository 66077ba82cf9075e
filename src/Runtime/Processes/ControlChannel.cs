using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Multiproc.Interop;

namespace Multiproc.Processes;

/// <summary>
/// Length-prefixed frames over a child's private Unix socket (one end of a <c>socketpair</c>; the child
/// holds the other as fd 3). Frame: 4-byte little-endian length of what follows, one kind byte, payload.
/// Sends are serialized by a lock; one reader at a time.
/// <para>
/// The parent's end is a <see cref="System.Net.Sockets.Socket"/> (it needs timeouts and async reads). The
/// child's end is the raw descriptor (<see cref="FromDescriptor"/>): creating a <c>Socket</c> starts .NET's
/// socket engine (an epoll instance and a thread) and probes the address families, about 1 ms of every
/// child's start that a few blocking reads and writes do not need.
/// </para>
/// </summary>
internal sealed class ControlChannel : IDisposable
{
    /// <summary>The largest frame accepted: nothing of ours is larger than .NET can allocate.</summary>
    private const int MaxFrameLength = int.MaxValue - 64;

    private readonly Socket? _socket;
    private readonly int _fd;
    private readonly object _sendLock = new();
    private int _disposed;

    public ControlChannel(Socket socket)
    {
        _socket = socket;
        _fd = -1;
    }

    private ControlChannel(int fd) => _fd = fd;

    /// <summary>A channel over a raw descriptor it owns (the child's end): blocking I/O only, no async reads.</summary>
    public static ControlChannel FromDescriptor(int fd) => new(fd);

    /// <summary>The parent's socket (timeouts are set on it).</summary>
    public Socket Socket => _socket ?? throw new InvalidOperationException("A control channel over a raw descriptor has no Socket.");

    private int Descriptor => _socket is null ? _fd : (int)_socket.Handle;

    public void Send(ControlMessageKind kind, ReadOnlySpan<byte> payload) => Send(kind, payload, default);

    /// <summary>
    /// Sends a frame; <paramref name="descriptors"/> travel with its first byte as <c>SCM_RIGHTS</c> (the
    /// receiver gets its own copies, see <see cref="ReceiveWithDescriptors"/>).
    /// </summary>
    public void Send(ControlMessageKind kind, ReadOnlySpan<byte> payload, ReadOnlySpan<int> descriptors)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(payload.Length + 5);
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length + 1);
            frame[4] = (byte)kind;
            payload.CopyTo(frame.AsSpan(5));
            lock (_sendLock)
            {
                if (descriptors.IsEmpty && _socket is not null)
                {
                    SendAll(frame.AsSpan(0, payload.Length + 5));
                }
                else if (Libc.SendWithDescriptors(Descriptor, frame.AsSpan(0, payload.Length + 5), descriptors) is int errno and not 0)
                {
                    throw new SocketException(errno);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Receives one frame, or null at end of stream (the peer exited or closed).</summary>
    public (ControlMessageKind Kind, byte[] Payload)? Receive()
    {
        Span<byte> header = stackalloc byte[4];
        if (!ReceiveExactly(header, allowEof: true))
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 1 || length > MaxFrameLength)
        {
            throw new IOException($"Invalid control frame length {length}.");
        }

        byte[] body = new byte[length];
        ReceiveExactly(body, allowEof: false);
        return ((ControlMessageKind)body[0], body.AsSpan(1).ToArray());
    }

    /// <summary>
    /// Receives one frame and the descriptors sent with it (<see cref="Send(ControlMessageKind, ReadOnlySpan{byte}, ReadOnlySpan{int})"/>),
    /// or null at end of stream. The descriptors are close-on-exec and owned by the caller.
    /// </summary>
    public (ControlMessageKind Kind, byte[] Payload, int[] Descriptors)? ReceiveWithDescriptors()
    {
        Span<byte> header = stackalloc byte[4];
        var descriptors = new List<int>();
        int read = 0;
        while (read < header.Length)
        {
            int n = Libc.ReceiveWithDescriptors(Descriptor, header[read..], descriptors);
            if (n == 0 && read == 0)
            {
                CloseAll(descriptors);
                return null;
            }

            if (n <= 0)
            {
                CloseAll(descriptors);
                throw n == 0
                    ? new EndOfStreamException("The control channel closed in the middle of a frame.")
                    : new IOException($"Receiving a control frame failed with errno {-n}.");
            }

            read += n;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 1 || length > MaxFrameLength)
        {
            CloseAll(descriptors);
            throw new IOException($"Invalid control frame length {length}.");
        }

        byte[] body = new byte[length];
        ReceiveExactly(body, allowEof: false);
        return ((ControlMessageKind)body[0], body.AsSpan(1).ToArray(), [.. descriptors]);
    }

    /// <summary>Receives one frame asynchronously, or null at end of stream.</summary>
    public async Task<(ControlMessageKind Kind, byte[] Payload)?> ReceiveAsync(CancellationToken cancellationToken)
    {
        byte[] header = new byte[4];
        if (!await ReceiveExactlyAsync(header, allowEof: true, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 1 || length > MaxFrameLength)
        {
            throw new IOException($"Invalid control frame length {length}.");
        }

        byte[] body = new byte[length];
        await ReceiveExactlyAsync(body, allowEof: false, cancellationToken).ConfigureAwait(false);
        return ((ControlMessageKind)body[0], body.AsSpan(1).ToArray());
    }

    public void Dispose()
    {
        if (_socket is not null)
        {
            _socket.Dispose();
        }
        else if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Libc.Close(_fd);
        }
    }

    /// <summary>One blocking read on the raw descriptor; errors surface as <see cref="SocketException"/>, as the socket's do.</summary>
    private int ReceiveRaw(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var stray = new List<int>(0);
        int n = Libc.ReceiveWithDescriptors(_fd, buffer, stray);
        CloseAll(stray);
        return n >= 0 ? n : throw new SocketException(-n);
    }

    private static void CloseAll(List<int> descriptors)
    {
        foreach (int fd in descriptors)
        {
            Libc.Close(fd);
        }
    }

    private void SendAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int sent = Socket.Send(data, SocketFlags.None);
            data = data[sent..];
        }
    }

    private bool ReceiveExactly(Span<byte> buffer, bool allowEof)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = _socket is not null ? _socket.Receive(buffer[read..], SocketFlags.None) : ReceiveRaw(buffer[read..]);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset && allowEof && read == 0)
            {
                return false;
            }

            if (n == 0)
            {
                if (allowEof && read == 0)
                {
                    return false;
                }

                throw new EndOfStreamException("The control channel closed in the middle of a frame.");
            }

            read += n;
        }

        return true;
    }

    private async ValueTask<bool> ReceiveExactlyAsync(Memory<byte> buffer, bool allowEof, CancellationToken cancellationToken)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await Socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset && allowEof && read == 0)
            {
                return false;
            }

            if (n == 0)
            {
                if (allowEof && read == 0)
                {
                    return false;
                }

                throw new EndOfStreamException("The control channel closed in the middle of a frame.");
            }

            read += n;
        }

        return true;
    }
}
