using System.Buffers;
using System.Buffers.Binary;
using Multiproc.Interop;

namespace Multiproc;

/// <summary>
/// The runtime's one framing on a stream socket, and its transport over a raw descriptor: a frame is a 4-byte
/// little-endian length of what follows, one kind byte, then the payload. A child's control channel
/// (<c>Processes/ControlChannel</c>) and a pool worker's task channel (<c>Pools/WorkerChannel</c>) both speak it.
/// <para>
/// Two ways to receive, not to be mixed on one channel: buffered (<see cref="TryTakeFrame"/> after
/// <see cref="ReceiveMore"/>: many frames per <c>recv</c>, parsed in place, for streams of small frames) and one frame
/// at a time (<see cref="Receive"/>, which also takes the descriptors sent with a frame). The channel owns the
/// descriptor and closes it once on <see cref="Dispose"/>.
/// </para>
/// </summary>
internal sealed class FramedChannel : IDisposable
{
    /// <summary>The bytes before a frame's payload: the length and the kind.</summary>
    public const int HeaderSize = 5;

    /// <summary>The largest frame accepted: nothing of ours is larger than .NET can allocate.</summary>
    public const int MaxFrameLength = int.MaxValue - 64;

    private readonly string _description;
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private int _disposed;

    /// <param name="fd">The descriptor (one end of a <c>socketpair</c>); owned from now on.</param>
    /// <param name="description">What the channel is, for error messages ("a pool worker's task channel").</param>
    public FramedChannel(int fd, string description)
    {
        Descriptor = fd;
        _description = description;
    }

    /// <summary>The socket's descriptor.</summary>
    public int Descriptor { get; }

    /// <summary>Writes the header of a frame with <paramref name="payloadLength"/> bytes of payload into <paramref name="frame"/>.</summary>
    public static void WriteHeader(Span<byte> frame, byte kind, int payloadLength)
    {
        BinaryPrimitives.WriteInt32LittleEndian(frame, payloadLength + 1);
        frame[4] = kind;
    }

    /// <summary>Reads the length field (kind and payload bytes) of a frame header; throws when it is out of range.</summary>
    /// <exception cref="IOException">The length is below 1 or above <see cref="MaxFrameLength"/>.</exception>
    public static int ReadLength(ReadOnlySpan<byte> header, string description)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        return length is >= 1 and <= MaxFrameLength ? length : throw ThrowHelper.CreateInvalidFrameLength(length, description);
    }

    /// <summary>Takes the next complete frame from the buffer, if there is one (buffered receiving).</summary>
    /// <remarks>The payload points into the buffer: it is valid until the next <see cref="ReceiveMore"/>.</remarks>
    public bool TryTakeFrame(out byte kind, out ReadOnlyMemory<byte> payload)
    {
        int available = _end - _start;
        if (available >= HeaderSize)
        {
            int length = ReadLength(_buffer.AsSpan(_start), _description);
            if (available - 4 >= length)
            {
                kind = _buffer[_start + 4];
                payload = _buffer.AsMemory(_start + HeaderSize, length - 1);
                _start += 4 + length;
                return true;
            }

            EnsureRoom(4 + length);
        }

        kind = 0;
        payload = default;
        return false;
    }

    /// <summary>Blocks until more bytes arrive (buffered receiving); false at end of stream (the peer closed or died).</summary>
    public bool ReceiveMore()
    {
        if (_buffer.Length == 0)
        {
            _buffer = new byte[64 * 1024];
        }

        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            // Full: slide the partial frame to the front, or grow when it already starts there.
            EnsureRoom(_start == 0 ? _buffer.Length + 1 : _end - _start);
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
        }

        int n = Libc.ReceiveSome(Descriptor, _buffer.AsSpan(_end));
        _end += n;
        return n > 0;
    }

    /// <summary>
    /// Receives one whole frame and the descriptors sent with it (close-on-exec, owned by the caller), or null at end of
    /// stream before a frame began.
    /// </summary>
    /// <exception cref="IOException">The receive failed (errno) or the frame length is invalid.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    public (byte Kind, byte[] Payload, int[] Descriptors)? Receive()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Span<byte> header = stackalloc byte[4];
        var descriptors = new List<int>();
        try
        {
            if (!ReceiveExactly(header, descriptors, allowEof: true))
            {
                CloseAll(descriptors);
                return null;
            }

            byte[] body = new byte[ReadLength(header, _description)];
            ReceiveExactly(body, descriptors, allowEof: false);
            return (body[0], body.AsSpan(1).ToArray(), [.. descriptors]);
        }
        catch
        {
            CloseAll(descriptors);
            throw;
        }
    }

    /// <summary>Sends bytes (whole frames, already framed); false when the peer is gone.</summary>
    public bool Send(ReadOnlySpan<byte> frames) => Libc.SendAll(Descriptor, frames);

    /// <summary>
    /// Sends one frame; <paramref name="descriptors"/> travel with its first byte as <c>SCM_RIGHTS</c> (the receiver gets
    /// its own copies from <see cref="Receive"/>). Returns 0, or the errno of a failed send (EPIPE: the peer is gone).
    /// </summary>
    public int SendFrame(byte kind, ReadOnlySpan<byte> payload, ReadOnlySpan<int> descriptors = default)
    {
        int length = payload.Length + HeaderSize;
        byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            WriteHeader(frame, kind, payload.Length);
            payload.CopyTo(frame.AsSpan(HeaderSize));
            return Libc.SendWithDescriptors(Descriptor, frame.AsSpan(0, length), descriptors);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Closes the descriptor (once).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Libc.Close(Descriptor);
        }
    }

    private static void CloseAll(List<int> descriptors)
    {
        foreach (int fd in descriptors)
        {
            Libc.Close(fd);
        }

        descriptors.Clear();
    }

    private bool ReceiveExactly(Span<byte> buffer, List<int> descriptors, bool allowEof)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = Libc.ReceiveWithDescriptors(Descriptor, buffer[read..], descriptors);
            if ((n == 0 || n == -Libc.ECONNRESET) && read == 0 && allowEof)
            {
                return false;
            }

            if (n <= 0)
            {
                throw n == 0
                    ? ThrowHelper.CreatePeerClosedMiddleFrame(_description)
                    : ThrowHelper.CreateReceivingFrameFailedErrno(_description, -n);
            }

            read += n;
        }

        return true;
    }

    /// <summary>Makes room for a frame of <paramref name="frameLength"/> bytes starting at <see cref="_start"/>.</summary>
    private void EnsureRoom(int frameLength)
    {
        if (_buffer.Length - _start >= frameLength)
        {
            return;
        }

        // Frames already handed out point into the buffer, but they were consumed before this call.
        byte[] target = frameLength > _buffer.Length ? new byte[Math.Max(frameLength, _buffer.Length * 2)] : _buffer;
        Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
        _end -= _start;
        _start = 0;
        _buffer = target;
    }
}
