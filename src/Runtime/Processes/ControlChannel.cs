using System.Buffers;
using System.Net.Sockets;
using Multiproc.Interop;

namespace Multiproc.Processes;

/// <summary>
/// The frames of <see cref="FramedChannel"/> (4-byte little-endian length of what follows, one kind byte, payload)
/// over a child's private Unix socket (one end of a <c>socketpair</c>; the child holds the other as fd 3), with the
/// kinds of <see cref="ControlMessageKind"/>. Sends are serialized by a lock; one reader at a time.
/// <para>
/// The parent's end is a <see cref="System.Net.Sockets.Socket"/> (it needs timeouts and async reads). The
/// child's end is the raw descriptor (<see cref="FromDescriptor"/>), a <see cref="FramedChannel"/>: creating a
/// <c>Socket</c> starts .NET's socket engine (an epoll instance and a thread) and probes the address families, about
/// 1 ms of every child's start that a few blocking reads and writes do not need.
/// </para>
/// </summary>
internal sealed class ControlChannel : IDisposable
{
    private const string Description = "a child's control channel";

    private readonly Socket? _socket;
    private readonly FramedChannel? _raw;
    private readonly object _sendLock = new();

    public ControlChannel(Socket socket) => _socket = socket;

    private ControlChannel(int fd) => _raw = new FramedChannel(fd, Description);

    /// <summary>A channel over a raw descriptor it owns (the child's end): blocking I/O only, no async reads.</summary>
    public static ControlChannel FromDescriptor(int fd) => new(fd);

    /// <summary>The parent's socket (timeouts are set on it).</summary>
    public Socket Socket => _socket ?? throw ThrowHelper.CreateControlChannelOverRawDescriptorNo();


    public void Send(ControlMessageKind kind, ReadOnlySpan<byte> payload) => Send(kind, payload, default);

    /// <summary>
    /// Sends a frame; <paramref name="descriptors"/> travel with its first byte as <c>SCM_RIGHTS</c> (the
    /// receiver gets its own copies, see <see cref="ReceiveWithDescriptors"/>).
    /// </summary>
    public void Send(ControlMessageKind kind, ReadOnlySpan<byte> payload, ReadOnlySpan<int> descriptors)
    {
        if (_raw is not null)
        {
            lock (_sendLock)
            {
                if (_raw.SendFrame((byte)kind, payload, descriptors) is int errno and not 0)
                {
                    throw new SocketException(errno);
                }
            }

            return;
        }

        int length = payload.Length + FramedChannel.HeaderSize;
        byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            FramedChannel.WriteHeader(frame, (byte)kind, payload.Length);
            payload.CopyTo(frame.AsSpan(FramedChannel.HeaderSize));
            lock (_sendLock)
            {
                if (descriptors.IsEmpty)
                {
                    SendAll(frame.AsSpan(0, length));
                }
                else if (Libc.SendWithDescriptors((int)_socket!.Handle, frame.AsSpan(0, length), descriptors) is int errno and not 0)
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
        if (_raw is not null)
        {
            if (_raw.Receive() is not { } frame)
            {
                return null;
            }

            // Descriptors come only with a Start frame (ReceiveWithDescriptors); any others are closed.
            foreach (int fd in frame.Descriptors)
            {
                Libc.Close(fd);
            }

            return ((ControlMessageKind)frame.Kind, frame.Payload);
        }

        Span<byte> header = stackalloc byte[4];
        if (!ReceiveExactly(header, allowEof: true))
        {
            return null;
        }

        byte[] body = new byte[FramedChannel.ReadLength(header, Description)];
        ReceiveExactly(body, allowEof: false);
        return ((ControlMessageKind)body[0], body.AsSpan(1).ToArray());
    }

    /// <summary>
    /// Receives one frame and the descriptors sent with it (<see cref="Send(ControlMessageKind, ReadOnlySpan{byte}, ReadOnlySpan{int})"/>),
    /// or null at end of stream. The descriptors are close-on-exec and owned by the caller.
    /// </summary>
    public (ControlMessageKind Kind, byte[] Payload, int[] Descriptors)? ReceiveWithDescriptors()
    {
        FramedChannel raw = _raw ?? throw ThrowHelper.CreateOnlyChildEndControlChannelReceives();
        return raw.Receive() is { } frame ? ((ControlMessageKind)frame.Kind, frame.Payload, frame.Descriptors) : null;
    }

    /// <summary>Receives one frame asynchronously, or null at end of stream.</summary>
    public async Task<(ControlMessageKind Kind, byte[] Payload)?> ReceiveAsync(CancellationToken cancellationToken)
    {
        byte[] header = new byte[4];
        if (!await ReceiveExactlyAsync(header, allowEof: true, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        byte[] body = new byte[FramedChannel.ReadLength(header, Description)];
        await ReceiveExactlyAsync(body, allowEof: false, cancellationToken).ConfigureAwait(false);
        return ((ControlMessageKind)body[0], body.AsSpan(1).ToArray());
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _raw?.Dispose();
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
        for (int read = 0; read < buffer.Length;)
        {
            int n;
            try
            {
                n = Socket.Receive(buffer[read..], SocketFlags.None);
            }
            catch (SocketException e) when (IsCleanEnd(e, read, allowEof))
            {
                return false;
            }

            if ((read = Advance(read, n, allowEof)) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask<bool> ReceiveExactlyAsync(Memory<byte> buffer, bool allowEof, CancellationToken cancellationToken)
    {
        for (int read = 0; read < buffer.Length;)
        {
            int n;
            try
            {
                n = await Socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (IsCleanEnd(e, read, allowEof))
            {
                return false;
            }

            if ((read = Advance(read, n, allowEof)) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A reset before a frame began is the peer's end, as end of stream is.</summary>
    private static bool IsCleanEnd(SocketException e, int read, bool allowEof) =>
        e.SocketErrorCode == SocketError.ConnectionReset && allowEof && read == 0;

    /// <summary>Counts <paramref name="n"/> received bytes; -1 at end of stream before a frame began; throws inside one.</summary>
    private static int Advance(int read, int n, bool allowEof)
    {
        if (n > 0)
        {
            return read + n;
        }

        return allowEof && read == 0 ? -1 : throw ThrowHelper.CreateControlChannelClosedMiddleFrame();
    }
}
