using System.Buffers.Binary;

namespace Multiproc.Pools;

/// <summary>
/// A worker's pending results, already laid out as one <see cref="WorkerMessage.Results"/> frame; the header
/// is patched in by <see cref="Seal"/>. Reused across batches: no allocation per item.
/// </summary>
internal sealed class ResultBatch
{
    private const int HeaderLength = 9;
    private byte[] _buffer = new byte[64 * 1024];
    private int _length = HeaderLength;

    /// <summary>How many results are pending.</summary>
    public int Count { get; private set; }

    /// <summary>The frame's length so far, in bytes.</summary>
    public int Length => _length;

    /// <summary>When the oldest pending result was added (<see cref="Environment.TickCount64"/>).</summary>
    public long OldestTick { get; private set; } = long.MaxValue;

    public void Add(ItemStatus status, ReadOnlySpan<byte> payload)
    {
        if (Count == 0)
        {
            OldestTick = Environment.TickCount64;
        }

        int needed = _length + 5 + payload.Length;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        _buffer[_length] = (byte)status;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length + 1), payload.Length);
        payload.CopyTo(_buffer.AsSpan(_length + 5));
        _length = needed;
        Count++;
    }

    /// <summary>Completes the frame and returns it; the batch is empty again afterwards (the span stays valid until the next Add).</summary>
    public ReadOnlySpan<byte> Seal()
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, _length - 4);
        _buffer[4] = (byte)WorkerMessage.Results;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(5), Count);
        int length = _length;
        _length = HeaderLength;
        Count = 0;
        OldestTick = long.MaxValue;
        return _buffer.AsSpan(0, length);
    }
}
