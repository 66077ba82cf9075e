using System.Buffers.Binary;

namespace Multiproc.Pools;

/// <summary>
/// A worker's end of its task channel: a receive buffer that frames are parsed out of in place (many task
/// frames per <c>recv</c>) and blocking sends of result batches.
/// </summary>
internal sealed class WorkerChannel : IDisposable
{
    private readonly int _fd;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public WorkerChannel(int fd) => _fd = fd;

    /// <summary>Takes the next complete frame from the buffer, if there is one.</summary>
    public bool TryTakeFrame(out WorkerMessage kind, out ReadOnlyMemory<byte> payload)
    {
        int available = _end - _start;
        if (available >= 5)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start));
            if (length < 1)
            {
                throw new InvalidOperationException($"Invalid frame length {length} on a pool worker's task channel.");
            }

            if (available - 4 >= length)
            {
                kind = (WorkerMessage)_buffer[_start + 4];
                payload = _buffer.AsMemory(_start + 5, length - 1);
                _start += 4 + length;
                return true;
            }

            EnsureRoom(4 + length);
        }

        kind = default;
        payload = default;
        return false;
    }

    /// <summary>Blocks until more bytes arrive; false at end of stream (the parent closed the channel or died).</summary>
    public bool ReceiveMore()
    {
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

        int n = Interop.Libc.ReceiveSome(_fd, _buffer.AsSpan(_end));
        _end += n;
        return n > 0;
    }

    /// <summary>Sends bytes (whole frames); false when the parent is gone.</summary>
    public bool Send(ReadOnlySpan<byte> frames) => Interop.Libc.SendAll(_fd, frames);

    /// <summary>Sends one frame.</summary>
    public void SendMessage(WorkerMessage kind, ReadOnlySpan<byte> payload)
    {
        byte[] frame = new byte[payload.Length + 5];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length + 1);
        frame[4] = (byte)kind;
        payload.CopyTo(frame.AsSpan(5));
        Send(frame);
    }

    public void Dispose() => Interop.Libc.Close(_fd);

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
